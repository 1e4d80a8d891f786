// Upvoting without a reload: the vote forms post as usual without JavaScript; with it, the form is
// sent with fetch (CSRF value in a header) and the button updated from the JSON answer. While a
// vote is on its way the button is marked aria-disabled and further presses are ignored, rather
// than disabled, so a keyboard's focus stays on it. A signed-out press goes to the sign-in page the
// server answers with, which casts the upvote once signed in.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('vote-form')) return;
    event.preventDefault();
    if (form.hasAttribute('data-pending')) return;
    var button = form.querySelector('button');
    var wanted = form.elements.namedItem('vote');
    form.setAttribute('data-pending', '');
    button.setAttribute('aria-disabled', 'true');
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRF-Token': form.elements.namedItem('_csrf').value },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (res) {
        // Signed out, the server sends the vote on to its sign-in page (which names the paper
        // and casts the upvote once signed in): go there.
        if (res.status === 401 || res.redirected) {
          var signIn = res.redirected && new URL(res.url).pathname === '/signin';
          location.href = signIn ? res.url : '/signin?next=' + encodeURIComponent(location.pathname + location.search);
          return null;
        }
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (data) {
        if (!data) return;
        var voted = data.voted === true;
        button.classList.toggle('voted', voted);
        button.setAttribute('aria-pressed', voted ? 'true' : 'false');
        button.title = (voted ? 'Remove your upvote' : 'Upvote') + ' (' + data.upvotes + ' upvote' + (data.upvotes === 1 ? '' : 's') + ')';
        form.querySelector('.vote-count').textContent = String(data.upvotes);
        wanted.value = voted ? '0' : '1';
      })
      .catch(function () {
        form.submit();
      })
      .finally(function () {
        form.removeAttribute('data-pending');
        button.removeAttribute('aria-disabled');
      });
  });
})();
