// The popup: what the index says of the site in the active tab (or, for tests, of the tab named
// by ?tab=ID), in the site's wording and the browser's language (_locales, written from i18n/). Built with DOM methods and textContent only: nothing from
// the address or the data is parsed as HTML.
/* global nmwMatch, nmwIndex */
(function () {
  "use strict";
  const api = globalThis.browser || globalThis.chrome;
  const ix = nmwIndex;
  const out = document.getElementById("answer");
  const hosts = new Map();
  for (const m of ix.entries) {
    for (const h of m.hosts) hosts.set(h.ascii, { market: m, host: h });
  }
  const roles = { current: "js_role_current", former: "js_role_former", mirror: "js_role_mirror" };

  // t says a message of _locales in the browser's language; its fields {name} are passed in the
  // alphabetical order of their names (generator/extension/locales.go numbers them so).
  function t(key, vars) {
    const names = Object.keys(vars || {}).sort();
    return api.i18n.getMessage(key, names.map((n) => String(vars[n])));
  }

  // The site's pages in the same language: English at the root, the others below /<lang>/.
  const lang = api.i18n.getMessage("site_lang") || "en";
  document.documentElement.lang = lang === "zh-hans" ? "zh-Hans" : lang;
  function page(url) {
    return lang === "en" || !url.startsWith(ix.site) ? url : ix.site + lang + "/" + url.slice(ix.site.length);
  }
  const number = (n) => n.toLocaleString(document.documentElement.lang);
  const plural = new Intl.PluralRules(document.documentElement.lang);

  // el makes an element holding text (never HTML) and child elements.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function link(href, text) {
    return el("a", { href: page(href), target: "_blank", rel: "noopener" }, text);
  }

  // A list's publisher as the messages' {publisher} takes it ("de la UE"), and the list's name
  // with its publisher, in the browser's language (issue 33); the data's names for another.
  const publisherKeys = { USTR: ["js_pub_ustr", "js_list_ustr"], EU: ["js_pub_eu", "js_list_eu"] };
  const pub = (l) => (publisherKeys[l.short] ? t(publisherKeys[l.short][0]) : l.short);
  const listName = (l) => (publisherKeys[l.short] ? t(publisherKeys[l.short][1]) : l.name);

  // coverage says how much of a list's latest edition is recorded here.
  function coverage(l) {
    const vars = { year: l.latest, publisher: pub(l), recorded: number(l.recorded) };
    if (l.complete) return t("ext_coverage_complete", vars);
    if (l.official == null) return t(plural.select(l.recorded) === "one" ? "js_partly_no_official_one" : "js_partly_no_official", vars);
    return t("js_partly_official", Object.assign(vars, { official: number(l.official) }));
  }

  // latest says what the data says of the market in one list's latest edition.
  function latest(m, i) {
    const l = ix.lists[i];
    const vars = { list: pub(l), year: l.latest };
    switch (m.latest[i]) {
      case "listed":
        return t("ext_latest_listed", vars);
      case "not-listed": {
        // a source, not a fully recorded section, says the edition does not list it (issue 26)
        const a = (m.absent || []).find((x) => x.list === i);
        if (a) return t("ext_latest_not_listed_sourced", Object.assign(vars, { sources: a.sources.map((u) => new URL(u).hostname.replace(/^www\./, "")).join(t("js_list_separator")) }));
        return t(m.kind === "physical" ? "ext_latest_not_listed_physical" : "ext_latest_not_listed_online", vars);
      }
    }
    return t("ext_latest_unknown", Object.assign(vars, { coverage: coverage(l) }));
  }

  function listedAnswer(hit, host) {
    const m = hit.market;
    const current = m.status.some((s) => s.current);
    const shown = hit.host.text || hit.host.ascii;
    // "Formerly" only when every latest edition is known not to list it: a gap in our data is
    // never shown as a fact about the market.
    const known = m.latest.every((s) => s !== "unknown");
    const heading = current ? "js_on_current" : !m.status.length ? "js_named" : known ? "js_formerly" : "js_listed_before";
    const role = t(roles[hit.host.role], { name: m.name });
    const box = el("div", { class: current ? "listed" : m.status.length ? "former" : "named" },
      el("h1", {}, t(heading, { name: m.name })),
      el("p", {}, host === hit.host.ascii ? t("js_host_is", { domain: shown, role: role }) : t("js_host_belongs", { host: host, domain: shown, role: role })));
    if (m.status.length) {
      box.append(el("h2", {}, t("ext_reported_on")));
      const lists = el("ul", {});
      for (const s of m.status) lists.append(el("li", {}, t("js_editions", { list: listName(ix.lists[s.list]), years: s.years.split(", ").join(t("js_list_separator")) })));
      box.append(lists);
    } else {
      box.append(el("p", {}, t("js_development_only")));
    }
    box.append(el("h2", {}, t("ext_latest_editions")));
    const states = el("ul", {});
    ix.lists.forEach((l, i) => states.append(el("li", {}, latest(m, i))));
    box.append(states,
      el("p", { class: "caveat" }, t("ext_caveat")),
      el("p", { class: "more" }, link(m.url, t("js_what_reports_said", { name: m.name }))));
    return box;
  }

  function notFound(host, like) {
    const lists = ix.lists.map((l) => t("js_nf_list", {
      name: listName(l),
      editions: l.first === l.latest ? t("js_nf_edition", { year: l.latest }) : t("js_nf_editions", { first: l.first, latest: l.latest }),
    })).join(t("js_nf_and"));
    const box = el("div", { class: "not-found" },
      el("h1", {}, t("ext_nf_heading", { count: number(ix.markets) })),
      el("p", {}, t("js_nf_text", { what: host, count: number(ix.markets), lists: lists })));
    if (like) box.append(el("p", { class: "look-alike" }, t("js_look_alike", { domain: like })));
    const covered = el("ul", {});
    for (const l of ix.lists) covered.append(el("li", {}, coverage(l) + t("js_sentence_end")));
    box.append(
      el("p", {}, t(ix.lists.every((l) => l.complete) ? "ext_complete" : "js_nf_partly")), covered,
      el("p", {}, t("ext_not_recorded")),
      el("p", {}, t("js_nf_no_guarantee")),
      el("h2", {}, t("js_nf_before")),
      el("ul", {},
        el("li", {}, t("js_nf_tip_address")),
        el("li", {}, t("js_nf_tip_price")),
        el("li", {}, t("js_nf_tip_company")),
        el("li", {}, t("js_nf_tip_reviews")),
        el("li", {}, t("js_nf_tip_payment"))),
      el("p", { class: "more" }, link(ix.site, t("ext_check_by_name"))));
    return box;
  }

  function notWeb() {
    return el("div", {}, el("h1", {}, t("ext_nothing_heading")),
      el("p", {}, t("ext_nothing_text")),
      el("p", { class: "more" }, link(ix.site, t("ext_check_by_name"))));
  }

  // answer decides what to show for a tab's address.
  function answer(url) {
    const host = /^https?:\/\//i.test(url || "") ? nmwMatch.hostOf(url) : "";
    if (!host) return notWeb();
    const hit = nmwMatch.findHost(hosts, host);
    return hit ? listedAnswer(hit, host) : notFound(host, nmwMatch.lookAlike(hosts, host));
  }

  function tab() {
    const id = Number(new URLSearchParams(location.search).get("tab"));
    if (id) return api.tabs.get(id);
    return api.tabs.query({ active: true, currentWindow: true }).then((tabs) => tabs[0] || {});
  }

  document.title = t("ext_title");
  out.replaceChildren(el("p", {}, t("ext_checking")));
  document.getElementById("private").textContent = t("ext_private");
  tab()
    .then((t) => answer(t.url || ""), () => notWeb())
    .then((a) => {
      out.replaceChildren(a);
      out.dataset.ready = "true";
    });
})();
