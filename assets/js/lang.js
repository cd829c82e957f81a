// Remembers the language a reader chose, for Netlify's redirect of the home page (netlify.toml):
// a first visit to / goes to the browser's language, and Netlify's nf_lang cookie, set here
// when the reader follows a link of the language switcher, overrides the browser's language
// from then on. Without JavaScript the switcher still works; only the choice is not remembered.
(function () {
  "use strict";
  for (const a of document.querySelectorAll(".languages a[hreflang]")) {
    a.addEventListener("click", () => {
      const lang = a.getAttribute("data-lang");
      document.cookie = "nf_lang=" + encodeURIComponent(lang) + "; path=/; max-age=31536000; SameSite=Lax";
    });
  }
})();
