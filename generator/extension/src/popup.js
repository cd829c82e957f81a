// The popup: what the index says of the site in the active tab (or, for tests, of the tab named
// by ?tab=ID), in the site's wording. Built with DOM methods and textContent only: nothing from
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
  const roles = { current: "a domain of", former: "a former domain of", mirror: "a mirror domain of" };

  // el makes an element holding text (never HTML) and child elements.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function link(href, text) {
    return el("a", { href: href, target: "_blank", rel: "noopener" }, text);
  }

  // latest says what the data says of the market in one list's latest edition.
  function latest(m, i) {
    const l = ix.lists[i];
    const edition = "the latest " + l.short + " edition (" + l.latest + ")";
    switch (m.latest[i]) {
      case "listed":
        return "Listed in " + edition + ".";
      case "not-listed": {
        const a = (m.absent || []).find((x) => x.list === i);
        if (a) return "Not listed in " + edition + ", as reported by " + a.sources.map((u) => new URL(u).hostname.replace(/^www\./, "")).join(", ") + ".";
        return "Not listed in " + edition + ", whose " + m.kind + " section is fully recorded here.";
      }
    }
    return "Not known for " + edition + ": it is only partly recorded here (" + l.coverage + "), so this says nothing either way.";
  }

  function listedAnswer(hit, host) {
    const m = hit.market;
    const current = m.status.some((s) => s.current);
    const shown = hit.host.text || hit.host.ascii;
    // "Formerly" only when every latest edition is known not to list it: a gap in our data is
    // never shown as a fact about the market.
    const known = m.latest.every((s) => s !== "unknown");
    const heading = current ? "On a current watchlist: " : !m.status.length ? "Named on a watchlist: "
      : known ? "Formerly on a watchlist: " : "Reported on a watchlist: ";
    const box = el("div", { class: current ? "listed" : m.status.length ? "former" : "named" },
      el("h1", {}, heading + m.name),
      el("p", {}, (host === hit.host.ascii ? shown + " is " : host + " belongs to " + shown + ", which is ") + roles[hit.host.role] + " " + m.name + "."));
    if (m.status.length) {
      box.append(el("h2", {}, "Reported on"));
      const lists = el("ul", {});
      for (const s of m.status) {
        const l = ix.lists[s.list];
        lists.append(el("li", {}, l.name + ": " + (s.years.includes(",") || s.years.includes("–") ? "editions " : "edition ") + s.years + "."));
      }
      box.append(lists);
    } else {
      box.append(el("p", {}, "Named only as a positive development, never as a listed market."));
    }
    box.append(el("h2", {}, "Latest editions"));
    const states = el("ul", {});
    ix.lists.forEach((l, i) => states.append(el("li", {}, latest(m, i))));
    box.append(states,
      el("p", { class: "caveat" }, "The lists report what governments allege: they are not court findings, and a market may have changed since it was reported."),
      el("p", { class: "more" }, link(m.url, "What the reports said about " + m.name)));
    return box;
  }

  function notFound(host, like) {
    const lists = ix.lists.map((l) => "the " + l.name + " (" + (l.first === l.latest ? "edition " + l.latest : "editions " + l.first + "–" + l.latest) + ")").join(" and ");
    const box = el("div", { class: "not-found" },
      el("h1", {}, "Not among the " + ix.markets + " markets recorded here"),
      el("p", {}, host + " is not among the " + ix.markets + " markets this site records from " + lists + "."));
    if (like) box.append(el("p", { class: "look-alike" }, "Careful: this address contains " + like + ", a listed domain, but it is a different site. Look-alike addresses are a common trick."));
    box.append(
      el("p", {}, (ix.lists.every((l) => l.complete) ? "The latest editions are fully recorded here: " : "Our record of the lists is not complete: ") +
        ix.lists.map((l) => l.coverage).join(". ") + ". Not recorded here does not mean not on a list."),
      el("p", {}, "Nor is it a guarantee the shop is safe: the lists name only a few large markets, and new shops appear every day."),
      el("h2", {}, "Before you buy, check"),
      el("ul", {},
        el("li", {}, "the exact address in your browser's address bar: look-alike addresses are a common trick;"),
        el("li", {}, "prices far below what the item costs elsewhere;"),
        el("li", {}, "a company name, postal address and returns policy you can verify;"),
        el("li", {}, "reviews of the shop on other sites;"),
        el("li", {}, "a way to pay that lets you dispute the charge, such as a credit card.")),
      el("p", { class: "more" }, link(ix.site, "Check a shop by name on Notorious Markets Watch")));
    return box;
  }

  function notWeb() {
    return el("div", {}, el("h1", {}, "Nothing to check on this page"),
      el("p", {}, "Open a shop's web site, then this button again, to see whether it is on a watchlist."),
      el("p", { class: "more" }, link(ix.site, "Check a shop by name on Notorious Markets Watch")));
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

  tab()
    .then((t) => answer(t.url || ""), () => notWeb())
    .then((a) => {
      out.replaceChildren(a);
      out.dataset.ready = "true";
    });
})();
