// The check's matching rules, shared by the site's check (assets/js/check.js, joined before it
// by Hugo) and the browser extension (the generator copies this file into it): the same address
// gets the same answer in both. Pure functions; hosts is a Map from a listed domain's ASCII form.
var nmwMatch = (function () {
  "use strict";

  // hostOf returns the lower-case ASCII host of a URL or bare domain, or "" when the text is not
  // one. The browser's URL parser drops scheme, userinfo, port, path, query and fragment, and
  // turns an internationalized name into punycode.
  function hostOf(text) {
    if (/\s/.test(text)) return "";
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : "http://" + text.replace(/^\/\//, "");
    let host;
    try {
      host = new URL(withScheme).hostname;
    } catch (e) {
      return "";
    }
    host = host.replace(/\.+$/, "");
    return host.includes(".") && !host.startsWith("[") ? host : "";
  }

  // findHost matches a host to a listed domain by whole labels from the right: shop.example.com
  // is example.com, example.com.evil.net is not. Listed domains are registrable names (the
  // generator checks them against the public suffix list), so this never crosses to another
  // owner's domain. The longest listed match wins.
  function findHost(hosts, host) {
    const labels = host.split(".");
    for (let i = 0; i < labels.length - 1; i++) {
      const hit = hosts.get(labels.slice(i).join("."));
      if (hit) return hit;
    }
    return null;
  }

  // lookAlike returns a listed domain written inside a host that is not that domain.
  function lookAlike(hosts, host) {
    for (const d of hosts.keys()) {
      if (("." + host + ".").includes("." + d + ".")) return d;
    }
    return "";
  }

  return { hostOf: hostOf, findHost: findHost, lookAlike: lookAlike };
})();
