// Theme toggle: flips between light and dark, remembered in localStorage and in a cookie so the
// server renders the chosen theme on the next page without a flash. Without a choice, the
// system's prefers-color-scheme applies.
(function () {
  var root = document.documentElement;
  var button = document.querySelector('.theme-toggle');
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch { /* storage may be blocked */ }
  function save(theme) {
    try { localStorage.setItem('theme', theme); } catch { /* storage may be blocked */ }
    document.cookie = 'theme=' + theme + '; path=/; max-age=31536000; SameSite=Lax';
  }
  // A choice stored before the cookie existed (or after it was cleared) wins, and is re-sent.
  if ((stored === 'dark' || stored === 'light') && root.getAttribute('data-theme') !== stored) {
    root.setAttribute('data-theme', stored);
    save(stored);
  }
  function isDark() {
    var chosen = root.getAttribute('data-theme');
    if (chosen) return chosen === 'dark';
    return window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  function label() {
    if (!button) return;
    var dark = isDark();
    button.setAttribute('aria-pressed', String(dark));
    button.setAttribute('title', dark ? 'Switch to light theme' : 'Switch to dark theme');
  }
  if (!button) return;
  button.hidden = false;
  label();
  button.addEventListener('click', function () {
    var next = isDark() ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    save(next);
    label();
  });
})();
