// The shop check and the search. Both read check.json, the index Hugo builds from the markets,
// and answer on the page as the shopper types. Answers are built with DOM methods and
// textContent only: nothing typed, and nothing from the data, is ever parsed as HTML.
(function () {
  "use strict";

  const form = document.querySelector("form[data-index]");
  if (!form) return;
  const input = form.querySelector("input[name=q]");
  const out = document.getElementById(form.dataset.results);
  const searchMode = form.dataset.mode === "search";
  const maxInput = 500;
  let index = null;

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

  // findWords ranks the markets matching every word of a search, in their names or summaries.
  function findWords(text) {
    const words = text.split(/[\s,.;:/]+/).map(fold).filter((w) => w.length >= 2);
    const whole = fold(text);
    const found = [];
    for (const m of index.markets) {
      let score = Math.max(...m.keys.map((k) => nameScore(whole, k)));
      let all = words.length > 0;
      for (const w of words) {
        const inName = m.keys.some((k) => k.startsWith(w) || (w.length >= 3 && k.includes(w)));
        const inWords = w.length >= 3 && m.words.some((s) => s.startsWith(w));
        if (inName) score += 10;
        else if (inWords) score += 3;
        else all = false;
      }
      if (all || score >= 50) found.push({ m: m, score: score });
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

  const roles = { current: "a domain of", former: "a former domain of", mirror: "a mirror domain of" };

  // partlyRecorded says how much of a list's latest edition is recorded here.
  function partlyRecorded(l) {
    return l.latest + " " + l.publisher + " list: " + l.recorded + (l.official != null ? " of its " + l.official + " markets recorded so far" : " markets recorded so far; its official count is not published in what we could read");
  }

  // reportLinks links the coverage page and each partly recorded latest edition's report.
  function reportLinks(lists) {
    const p = el("p", {}, "See ", el("a", { href: index.coverage }, "how complete the data is"));
    for (const l of lists) p.append(", ", el("a", { href: l.url, rel: "nofollow noopener noreferrer" }, "the official " + l.latest + " " + l.publisher + " report"));
    p.append(".");
    return p;
  }

  function heading(m) {
    if (m.current) return "On a current list: ";
    if (m.unknown) return "Listed before: ";
    return m.status.length ? "Formerly listed: " : "Named: ";
  }

  function listedAnswer(m, why) {
    const box = el("div", { class: "answer answer-listed" + (m.unknown ? " answer-unknown" : "") },
      el("h2", {}, heading(m) + m.name));
    if (why) box.append(el("p", {}, why));
    const lists = el("ul", { class: "status-list" });
    for (const s of m.status) {
      lists.append(el("li", { class: "status " + (s.current ? "status-current" : s.latest === "unknown" ? "status-unknown" : "status-former") },
        s.list + ": editions " + s.years + ". " + s.text + "."));
    }
    if (!m.status.length) {
      lists.append(el("li", { class: "status status-former" }, "Named only as a positive development, never as a listed market."));
    }
    box.append(lists);
    if (m.unknown) {
      const partial = index.lists.filter((l) => m.status.some((s) => s.list === l.name && s.latest === "unknown"));
      box.append(el("p", { class: "answer-gap" }, "We cannot tell whether " + m.name + " is still listed: " +
        partial.map(partlyRecorded).join("; ") + ", and " + m.name + " is not among them yet. That is a gap in our data, not a sign it left the list."),
        reportLinks(partial));
    }
    box.append(el("p", {}, el("a", { href: m.url }, "What the reports said about " + m.name)));
    return box;
  }

  function badge(m) {
    if (m.current) return el("span", { class: "badge badge-current" }, "on a current list");
    if (m.unknown) return el("span", { class: "badge badge-unknown" }, "listed before; latest edition not fully recorded");
    return el("span", { class: "badge badge-former" }, "formerly listed");
  }

  function candidates(ms, heading) {
    const list = el("ul", { class: "market-list" });
    for (const m of ms) {
      const domains = m.hosts.filter((h) => h.role === "current").map((h) => h.text || h.ascii);
      const where = m.kind === "physical" ? ["physical", m.city, m.country].filter(Boolean).join(", ")
        : ["online", ...domains].join(" · ");
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
      el("h2", {}, "Not among the markets recorded here"),
      el("p", {}, what + " is not among the " + n + " markets recorded here from " + index.lists.map((l) => "the " + l.name + " (" + (l.first === l.latest ? "edition " + l.latest : "editions " + l.first + "–" + l.latest) + ")").join(" and ") + "."));
    if (partial.length) {
      const ul = el("ul", { class: "coverage-list" });
      for (const l of partial) ul.append(el("li", {}, partlyRecorded(l) + "."));
      box.append(el("p", {}, "Our record of the latest editions is not complete yet, so it may still be on a list:"), ul, reportLinks(partial));
    }
    if (note) box.append(el("p", { class: "look-alike" }, note));
    box.append(
      el("p", {}, "Even a complete answer would be no guarantee the shop is safe: the lists name only a few large markets, and new shops appear every day."),
      el("p", {}, "Before you buy, check:"),
      el("ul", {},
        el("li", {}, "the exact address in your browser's address bar: look-alike addresses are a common trick;"),
        el("li", {}, "prices far below what the item costs elsewhere;"),
        el("li", {}, "a company name, postal address and returns policy you can verify;"),
        el("li", {}, "reviews of the shop on other sites;"),
        el("li", {}, "a way to pay that lets you dispute the charge, such as a credit card.")));
    return box;
  }

  function calm(text) {
    return el("div", { class: "answer answer-calm" }, el("p", {}, text));
  }

  // answer decides what to show for the text in the box.
  function answer(raw) {
    const text = raw.trim();
    if (!text) return null;
    if (text.length > maxInput) return calm("That is too long to be a web address or a name. Paste just the shop's address, or type its name.");
    if (!index) return calm(index === false ? "The list could not be loaded. Browse the markets from A to Z instead." : "Loading the list…");
    const host = searchMode ? "" : hostOf(text);
    if (host) {
      const hit = findHost(host);
      if (hit) {
        const shown = hit.host.text || hit.host.ascii;
        const why = (host === hit.host.ascii ? shown + " is " : host + " belongs to " + shown + ", which is ") + roles[hit.host.role] + " " + hit.market.name + ".";
        return listedAnswer(hit.market, why);
      }
      const like = lookAlike(host);
      return notFound(host, like ? "Careful: this address contains " + like + ", a listed domain, but it is a different site. Look-alike addresses are a common trick." : "");
    }
    if (!fold(text)) return calm("Type a shop's web address (like shop.example.com) or its name.");
    const found = searchMode ? findWords(text) : findNames(text);
    if (!found.length) return notFound("“" + text + "”", "No market recorded here has a name like that. If you have the shop's web address, paste it: it gives a surer answer.");
    if (searchMode) return candidates(found.slice(0, 20), found.length === 1 ? "1 market found" : found.length + " markets found");
    if (found.length === 1 || fold(found[0].name) === fold(text)) {
      const box = listedAnswer(found[0], "");
      if (found.length > 1) box.append(candidates(found.slice(1, 5), "Other markets with similar names"));
      return box;
    }
    return candidates(found.slice(0, 5), "Markets with similar names: which one do you mean?");
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
      m.words = (m.words || "").split(" ");
      m.current = m.status.some((s) => s.current);
      m.unknown = !m.current && m.status.some((s) => s.latest === "unknown");
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
