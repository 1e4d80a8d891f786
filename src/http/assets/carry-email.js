// "Forgot your password?" carries the address typed on the sign-in form to the reset form: a link
// marked data-carry-email="ID" gets ?email= with the value of that input, kept up to date as it is
// typed. Without JavaScript the link goes to the reset form as it is.
(function () {
  document.querySelectorAll('a[data-carry-email]').forEach(function (link) {
    var input = document.getElementById(link.getAttribute('data-carry-email'));
    if (!input) return;
    var base = link.getAttribute('href').split('?')[0];
    var update = function () {
      var value = input.value.trim();
      link.setAttribute('href', value ? base + '?email=' + encodeURIComponent(value) : base);
    };
    input.addEventListener('input', update);
    input.addEventListener('change', update);
    update();
  });
})();
