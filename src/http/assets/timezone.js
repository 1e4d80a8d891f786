// Subscribe forms carry the browser's time zone (an IANA name such as Europe/Paris) in a hidden
// field marked data-timezone, so a new subscriber's digest comes at their own morning hour from
// the start. Without JavaScript the field stays empty and the subscription starts in UTC; the
// preferences page changes the zone either way.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!zone) return;
  document.querySelectorAll('input[data-timezone]').forEach(function (input) {
    input.value = zone;
  });
})();
