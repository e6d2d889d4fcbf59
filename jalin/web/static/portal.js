/* Progressive enhancement for the portal: htmx sends the CSRF token as a header too. */
document.addEventListener("htmx:configRequest", function (e) {
  var meta = document.querySelector("meta[name=csrf-token]");
  if (meta) { e.detail.headers["X-CSRF-Token"] = meta.content; }
});
