// The extension's background: when a tab's address changes, it looks the site up in the index
// shipped with the extension and sets the toolbar badge for that tab. Nothing is sent anywhere.
// Chromium runs this as a service worker (which loads the rules and the index here); Firefox
// runs it as a background script after match.js and index.js (manifest.json, background.scripts).
/* global nmwMatch, nmwIndex, importScripts */
if (typeof nmwIndex === "undefined" && typeof importScripts === "function") {
  importScripts("match.js", "index.js");
}

(function () {
  "use strict";
  const api = globalThis.browser || globalThis.chrome;
  const hosts = new Map();
  for (const m of nmwIndex.entries) {
    for (const h of m.hosts) hosts.set(h.ascii, { market: m, host: h });
  }

  // market returns the market whose site the address is on, or null.
  function market(url) {
    if (!/^https?:\/\//i.test(url || "")) return null;
    const host = nmwMatch.hostOf(url);
    const hit = host ? nmwMatch.findHost(hosts, host) : null;
    return hit ? hit.market : null;
  }

  function quiet(p) {
    if (p && p.catch) p.catch(() => {}); // the tab may have closed meanwhile
  }

  // mark sets one tab's badge: "!" on a reported market's site, red while it is on a current
  // list; nothing elsewhere, including a market only named as a positive development.
  function mark(tabId, url) {
    const m = market(url);
    const listed = !!m && m.status.length > 0;
    const current = listed && m.status.some((s) => s.current);
    quiet(api.action.setBadgeText({ tabId: tabId, text: listed ? "!" : "" }));
    if (listed) {
      quiet(api.action.setBadgeBackgroundColor({ tabId: tabId, color: current ? "#b3261e" : "#6b4a00" }));
      if (api.action.setBadgeTextColor) quiet(api.action.setBadgeTextColor({ tabId: tabId, color: "#ffffff" }));
    }
    quiet(api.action.setTitle({
      tabId: tabId,
      title: listed ? api.i18n.getMessage(current ? "ext_badge_current" : "ext_badge_reported", [m.name]) : api.i18n.getMessage("ext_title"),
    }));
  }

  api.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url || change.status) mark(tabId, tab.url);
  });

  function markAll() {
    quiet(api.tabs.query({}).then((tabs) => tabs.forEach((t) => mark(t.id, t.url))));
  }
  api.runtime.onInstalled.addListener(markAll);
  api.runtime.onStartup.addListener(markAll);
})();
