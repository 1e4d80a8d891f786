// Asks before a destructive form goes: a form marked data-confirm="Question?" submits only if the
// person agrees. Without JavaScript the form goes at once, as any form does.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
})();
