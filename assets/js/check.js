// The shop check and the search. Both read check.json, the index Hugo builds from the markets,
// and answer on the page as the shopper types. Answers are built with DOM methods and
// textContent only: nothing typed, and nothing from the data, is ever parsed as HTML. Every word
// it says comes from the form's data-strings (i18n/<lang>.toml, in the page's language).
(function () {
  "use strict";

  const form = document.querySelector("form[data-index]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const out = document.getElementById(form.dataset.results);
  const searchMode = form.dataset.mode === "search";
  const maxInput = 500;
  const strings = JSON.parse(form.dataset.strings || "{}");
  let index = null;

  // t returns the string named key with each {field} replaced by vars[field].
  function t(key, vars) {
    return (strings[key] || key).replace(/\{(\w+)\}/g, (all, k) => (vars && k in vars ? String(vars[k]) : all));
  }

  // pub is a list's publisher as the sentences' {publisher} field takes it in the page's
  // language (js_pub_<short>: "de la UE", "欧盟").
  function pub(l) {
    const key = "js_pub_" + l.publisher.toLowerCase();
    return key in strings ? t(key) : l.publisher;
  }

  // fold drops case, accents and everything but letters and digits: "Março" and "MARCO" meet.
  function fold(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }

  // The matching rules are shared with the browser extension: assets/js/match.js, which Hugo
  // joins before this file.
  const hostOf = nmwMatch.hostOf;
  function findHost(host) {
    return nmwMatch.findHost(index.hosts, host);
  }
  function lookAlike(host) {
    return nmwMatch.lookAlike(index.hosts, host);
  }

  // distance is the edit distance, counting a swap of neighbours as one edit.
  function distance(a, b) {
    const d = [];
    for (let i = 0; i <= a.length; i++) d.push([i]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  // nameScore says how well a folded query matches one folded name: exact, start, inside, or
  // within one typo (two for long queries) of the name or of its start.
  function nameScore(q, name) {
    if (name === q) return 100;
    if (name.startsWith(q)) return 80;
    if (q.length >= 3 && name.includes(q)) return 60;
    if (q.length < 4) return 0;
    const allowed = q.length >= 8 ? 2 : 1;
    const whole = Math.abs(name.length - q.length) <= allowed ? distance(q, name) : allowed + 1;
    const typos = Math.min(whole, distance(q, name.slice(0, q.length)));
    return typos <= allowed ? 50 - 10 * typos : 0;
  }

  // findNames ranks the markets whose names, aliases, former names or domains match the query.
  function findNames(text) {
    const q = fold(text);
    const found = [];
    for (const m of index.markets) {
      const score = Math.max(...m.keys.map((k) => nameScore(q, k)));
      if (score > 0) found.push({ m: m, score: score });
    }
    return rank(found);
  }

  // long says whether a search word is long enough to look for inside names and summaries:
  // three letters, or two in a script that writes words in fewer (淘宝, 种子, 泰国).
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  function long(w) {
    return w.length >= 3 || (w.length === 2 && cjk.test(w));
  }

  // inWord says whether a search word is found in one of the summaries' words: at its start,
  // or anywhere in a run of Chinese, which has no spaces to start words at (假冒 in 销售假冒商品).
  function inWord(w, s) {
    return s.startsWith(w) || (cjk.test(w) && s.includes(w));
  }

  // findWords ranks the markets matching every word of a search, in their names or summaries.
  // A short word (de, en, la) is found in the summaries' and category names' words only as a
  // whole word, and only beside a longer word that matches: "Biblioteca en la sombra" finds
  // the shadow libraries, "de" alone finds only names.
  function findWords(text) {
    const words = text.split(/[\s,.;:/]+/).map(fold).filter((w) => w.length >= 2);
    const whole = fold(text);
    const found = [];
    for (const m of index.markets) {
      let score = Math.max(...m.keys.map((k) => nameScore(whole, k)));
      let all = words.length > 0;
      let hits = 0; // words matched by more than a short whole word
      for (const w of words) {
        const inName = m.keys.some((k) => k.startsWith(w) || (long(w) && k.includes(w)));
        const inWords = long(w) ? m.words.some((s) => inWord(w, s)) : m.words.includes(w);
        if (inName) {
          score += 10;
          hits++;
        } else if (inWords && long(w)) {
          score += 3;
          hits++;
        } else if (!inWords) {
          all = false;
        }
      }
      if ((all && hits > 0) || score >= 50) found.push({ m: m, score: score });
    }
    return rank(found);
  }

  function rank(found) {
    return found
      .sort((a, b) => b.score - a.score || b.m.current - a.m.current || a.m.name.localeCompare(b.m.name))
      .map((f) => f.m);
  }

  // el makes an element holding text (never HTML) and child elements.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  const roles = { current: "js_role_current", former: "js_role_former", mirror: "js_role_mirror" };

  // partlyRecorded says how much of a list's latest edition is recorded here.
  function partlyRecorded(l) {
    const vars = { year: l.latest, publisher: pub(l), recorded: l.recorded, official: l.official };
    const one = new Intl.PluralRules(document.documentElement.lang).select(l.recorded) === "one";
    return t(l.official != null ? "js_partly_official" : one ? "js_partly_no_official_one" : "js_partly_no_official", vars);
  }

  // reportLinks links the coverage page and each partly recorded latest edition's report.
  function reportLinks(lists) {
    const p = el("p", {}, t("js_see"), el("a", { href: index.coverage }, t("js_see_coverage")));
    for (const l of lists) p.append(t("js_list_separator"), el("a", { href: l.url, rel: "nofollow noopener noreferrer" }, t("js_official_report", { year: l.latest, publisher: pub(l) })));
    p.append(t("js_sentence_end"));
    return p;
  }

  function heading(m) {
    if (m.current) return "js_on_current";
    if (m.unknown) return "js_listed_before";
    return m.status.length ? "js_formerly" : "js_named";
  }

  // sentences joins two sentences: with a space, or none after a full-width stop (Chinese).
  function sentences(a, b) {
    return a + (/[。！？]$/.test(a) ? "" : " ") + b;
  }

  function listedAnswer(m, why) {
    const box = el("div", { class: "answer answer-listed" + (m.unknown ? " answer-unknown" : "") },
      el("h2", {}, t(heading(m), { name: m.name })));
    if (why) box.append(el("p", {}, why));
    const lists = el("ul", { class: "status-list" });
    for (const s of m.status) {
      const text = sentences(t("js_editions", { list: s.list, years: s.years.split(", ").join(t("js_list_separator")) }), s.text);
      const li = el("li", { class: "status " + (s.current ? "status-current" : s.latest === "unknown" ? "status-unknown" : "status-former") }, text);
      if (s.latest_sources) { // a source says the latest edition does not list it (issue 26)
        const by = t("js_reported_by");
        li.append((/[。！？]$/.test(text) ? "" : " ") + by + (/：$/.test(by) ? "" : " "));
        s.latest_sources.forEach((src, i) => li.append(i ? t("js_list_separator") : "", el("a", { href: src.url, rel: "nofollow noopener noreferrer" }, src.name)));
        li.append(t("js_sentence_end"));
      }
      lists.append(li);
    }
    if (!m.status.length) {
      lists.append(el("li", { class: "status status-former" }, t("js_development_only")));
    }
    box.append(lists);
    // Public responses to the listings (issue 36), one line each: they never change the status.
    for (const r of m.responses || []) {
      // a name in Han (中国商务部) meets the Chinese sentence without a space
      const text = t(r.disputes ? "js_response_disputes" : "js_response_neutral", { by: r.by, list: r.list, year: r.year })
        .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1");
      const p = el("p", { class: "answer-response" }, text);
      r.sources.forEach((src, i) => p.append(i ? t("js_list_separator") : /：$/.test(text) ? "" : " ", el("a", { href: src.url, rel: "nofollow noopener noreferrer" }, src.name)));
      p.append(t("js_sentence_end"));
      box.append(p);
    }
    if (m.unknown) {
      const partial = index.lists.filter((l) => m.status.some((s) => s.list === l.name && s.latest === "unknown"));
      box.append(el("p", { class: "answer-gap" }, t("js_gap", { name: m.name, lists: partial.map(partlyRecorded).join(t("js_clause_separator")) })),
        reportLinks(partial));
    }
    box.append(el("p", {}, el("a", { href: m.url }, t("js_what_reports_said", { name: m.name }))));
    return box;
  }

  function badge(m) {
    if (m.current) return el("span", { class: "badge badge-current" }, t("badge_current"));
    if (m.unknown) return el("span", { class: "badge badge-unknown" }, t("badge_unknown"));
    if (!m.status.length) return el("span", { class: "badge badge-development" }, t("badge_development"));
    return el("span", { class: "badge badge-former" }, t("badge_former"));
  }

  function candidates(ms, heading) {
    const list = el("ul", { class: "market-list" });
    for (const m of ms) {
      const domains = m.hosts.filter((h) => h.role === "current").map((h) => h.text || h.ascii);
      const where = m.kind === "physical" ? [t("js_physical"), m.city, m.country].filter(Boolean).join(t("js_list_separator"))
        : [t("js_online"), ...domains].join(" · ");
      list.append(el("li", { class: "market-item" }, el("a", { href: m.url }, m.name), " ",
        el("span", { class: "meta" }, where), " ", badge(m)));
    }
    return el("div", { class: "answer answer-candidates" }, el("h2", {}, heading), list);
  }

  // notFound says what was searched and how much of each list's latest edition is recorded:
  // absence from this site is not absence from the lists.
  function notFound(what, note) {
    const n = index.markets.length;
    const partial = index.lists.filter((l) => !l.complete);
    const box = el("div", { class: "answer answer-not-found" },
      el("h2", {}, t("js_nf_heading")),
      el("p", {}, t("js_nf_text", {
        what: what,
        count: n.toLocaleString(document.documentElement.lang),
        lists: index.lists.map((l) => t("js_nf_list", {
          name: l.name,
          editions: l.first === l.latest ? t("js_nf_edition", { year: l.latest }) : t("js_nf_editions", { first: l.first, latest: l.latest }),
        })).join(t("js_nf_and")),
      })));
    if (partial.length) {
      const ul = el("ul", { class: "coverage-list" });
      for (const l of partial) ul.append(el("li", {}, partlyRecorded(l) + t("js_sentence_end")));
      box.append(el("p", {}, t("js_nf_partly")), ul, reportLinks(partial));
    }
    if (note) box.append(el("p", { class: "look-alike" }, note));
    box.append(
      el("p", {}, t("js_nf_no_guarantee")),
      el("p", {}, t("js_nf_before")),
      el("ul", {},
        el("li", {}, t("js_nf_tip_address")),
        el("li", {}, t("js_nf_tip_price")),
        el("li", {}, t("js_nf_tip_company")),
        el("li", {}, t("js_nf_tip_reviews")),
        el("li", {}, t("js_nf_tip_payment"))));
    return box;
  }

  function calm(text) {
    return el("div", { class: "answer answer-calm" }, el("p", {}, text));
  }

  // answer decides what to show for the text in the box.
  function answer(raw) {
    const text = raw.trim();
    if (!text) return null;
    if (text.length > maxInput) return calm(t("js_too_long"));
    if (!index) return calm(t(index === false ? "js_load_failed" : "js_loading"));
    const host = searchMode ? "" : hostOf(text);
    if (host) {
      const hit = findHost(host);
      if (hit) {
        const shown = hit.host.text || hit.host.ascii;
        const role = t(roles[hit.host.role], { name: hit.market.name });
        const why = host === hit.host.ascii ? t("js_host_is", { domain: shown, role: role })
          : t("js_host_belongs", { host: host, domain: shown, role: role });
        return listedAnswer(hit.market, why);
      }
      const like = lookAlike(host);
      return notFound(host, like ? t("js_look_alike", { domain: like }) : "");
    }
    if (!fold(text)) return calm(t("js_type_address"));
    const found = searchMode ? findWords(text) : findNames(text);
    if (!found.length && !searchMode) {
      // a city's name (北京, Moscú): the physical markets recorded there
      const here = rank(index.markets.filter((m) => m.cityKeys.includes(fold(text))).map((m) => ({ m: m, score: 0 })));
      if (here.length) return candidates(here.slice(0, 20), t("js_city_markets", { city: here[0].city }));
    }
    if (!found.length) return notFound(t("js_quote", { text: text }), t("js_no_name"));
    if (searchMode) return candidates(found.slice(0, 20), t(found.length === 1 ? "js_found_one" : "js_found_other", { count: found.length.toLocaleString(document.documentElement.lang) }));
    // one market, or one whose name or alias is what was typed (百度 is Baidu, not Baidu Wangpan)
    if (found.length === 1 || found[0].keys.includes(fold(text))) {
      const box = listedAnswer(found[0], "");
      if (found.length > 1) box.append(candidates(found.slice(1, 5), t("js_similar_other")));
      return box;
    }
    return candidates(found.slice(0, 5), t("js_similar_which"));
  }

  function show() {
    const a = answer(input.value);
    out.replaceChildren(...(a ? [a] : []));
    out.dataset.query = input.value; // which text the answer is for

  }

  // prepare adds to each market the folded names it answers to and a host table.
  function prepare(data) {
    const hosts = new Map();
    for (const m of data.markets) {
      m.hosts = m.hosts || [];
      // folded as the search words are: "Thaïlande" in the index, "thailande" typed or not
      m.words = (m.words || "").split(" ").map(fold).filter(Boolean);
      m.current = m.status.some((s) => s.current);
      m.unknown = !m.current && m.status.some((s) => s.latest === "unknown");
      m.cityKeys = (m.city_names || []).map(fold).filter(Boolean);
      m.keys = [m.name, ...(m.aliases || []), ...(m.former || []), ...m.hosts.map((h) => h.text || h.ascii)].map(fold).filter(Boolean);
      const plain = fold(m.name.replace(/^the\s+/i, ""));
      if (plain) m.keys.push(plain);
      for (const h of m.hosts) hosts.set(h.ascii, { market: m, host: h });
    }
    return { lists: data.lists, coverage: data.coverage, markets: data.markets, hosts: hosts };
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    show();
  });
  input.addEventListener("input", show);
  fetch(form.dataset.index)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.statusText))))
    .then((data) => { index = prepare(data); })
    .catch(() => { index = false; })
    .finally(() => {
      const q = new URLSearchParams(location.search).get("q");
      if (q && !input.value) input.value = q.slice(0, 2 * maxInput);
      form.classList.add("ready");
      show();
    });
})();
