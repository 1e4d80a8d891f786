// The header's menus (the account's and the phone's) are details elements, so they open without
// JavaScript. With it, a click elsewhere or Escape closes an open one, as menus do.
(function () {
  var menus = function () { return document.querySelectorAll('details.user-menu[open], details.phone-menu[open]'); };
  document.addEventListener('click', function (event) {
    menus().forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute('open');
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    menus().forEach(function (menu) {
      menu.removeAttribute('open');
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    });
  });
})();
