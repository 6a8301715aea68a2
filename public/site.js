// Progressive enhancement of the public site. Every page works without it: forms are plain GET and POST forms.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // A refused form: its summary is at the top of the window and has the focus; each link leads into its field.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.scrollIntoView({ block: 'start', behavior: 'instant' });
    summary.focus({ preventScroll: true });
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link && document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector('label[for="' + field.id + '"]');
      (label || field).scrollIntoView({ block: 'start', behavior: 'instant' });
      field.focus({ preventScroll: true });
    });
  }

  var form = document.getElementById('search-form');
  if (!form) return;
  var region = document.getElementById('live-results');
  var status = document.getElementById('search-status');
  var input = document.getElementById('q');
  var narrow = window.matchMedia('(max-width: 760px)');
  var sequence = 0;
  var timer = 0;
  var composing = false;

  function filtersPanel() { return region.querySelector('[data-filters]'); }

  // On a phone the open filters cover the page; the page behind them must not scroll.
  function markPanel() {
    var filters = filtersPanel();
    document.documentElement.classList.toggle('filters-open', Boolean(filters && filters.open && narrow.matches));
  }

  function collapseFiltersOnPhones() {
    var filters = filtersPanel();
    if (filters && narrow.matches) filters.open = false;
    markPanel();
  }

  // The form's values as the contract's query string: several values of one parameter joined by commas.
  function queryString() {
    var values = {};
    new FormData(form).forEach(function (value, key) {
      if (value === '') return;
      (values[key] = values[key] || []).push(value);
    });
    var params = new URLSearchParams();
    Object.keys(values).forEach(function (key) { params.set(key, values[key].join(',')); });
    return params.toString();
  }

  // Swaps in the fresh results, keeping the filters as they were: open or not, scrolled where they were, and
  // the control just used where it stood on the screen, though values above it came or went.
  function swapIn(fresh, anchorId) {
    var filters = filtersPanel();
    var filtersOpen = filters ? filters.open : true;
    var scrolled = filters ? filters.scrollTop : 0;
    var anchor = anchorId && document.getElementById(anchorId);
    var anchorTop = anchor ? anchor.getBoundingClientRect().top : 0;
    region.innerHTML = fresh.innerHTML;
    var newFilters = filtersPanel();
    if (newFilters) {
      newFilters.open = filtersOpen;
      newFilters.scrollTop = scrolled;
    }
    markPanel();
    var moved = anchor && document.getElementById(anchorId);
    if (!moved) return;
    var shift = moved.getBoundingClientRect().top - anchorTop;
    if (document.documentElement.classList.contains('filters-open')) newFilters.scrollTop += shift;
    else window.scrollBy(0, shift);
  }

  // Fetches the same page the form would load and swaps in its results, keeping focus where it was.
  function update(push, anchorId) {
    var mine = ++sequence;
    var qs = queryString();
    var url = '/search' + (qs ? '?' + qs : '');
    var focusedId = document.activeElement && document.activeElement.id;
    region.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (response) {
        // A page past the last is redirected to the last: the address shows where the results came from.
        if (response.redirected) url = new URL(response.url).pathname + new URL(response.url).search;
        return response.text();
      })
      .then(function (html) {
        if (mine !== sequence) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('live-results');
        if (!fresh) { window.location.href = url; return; }
        swapIn(fresh, anchorId);
        document.title = doc.title;
        var count = doc.getElementById('results-title');
        if (status && count) status.textContent = count.textContent;
        if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
        var again = focusedId && document.getElementById(focusedId);
        if (again && again !== input) again.focus({ preventScroll: true });
      })
      .catch(function () { window.location.href = url; })
      .finally(function () { if (mine === sequence) region.removeAttribute('aria-busy'); });
  }

  function searchSoon() {
    clearTimeout(timer);
    timer = setTimeout(function () { update(false); }, 250);
  }

  form.addEventListener('change', function (event) {
    if (event.target === input) return;
    update(true, event.target.id);
  });

  // An input method composes a word letter by letter (pinyin); only the word it commits is searched.
  input.addEventListener('compositionstart', function () {
    composing = true;
    clearTimeout(timer);
  });
  input.addEventListener('compositionend', function () {
    composing = false;
    searchSoon();
  });
  input.addEventListener('input', function (event) {
    if (composing || event.isComposing) return;
    searchSoon();
  });

  // "Show N results" closes the phone's filter panel at the results.
  region.addEventListener('click', function (event) {
    if (!event.target.closest('[data-show-results]')) return;
    var filters = filtersPanel();
    if (filters) filters.open = false;
    markPanel();
    var title = document.getElementById('results-title');
    if (!title) return;
    title.scrollIntoView({ block: 'start', behavior: 'instant' });
    title.focus({ preventScroll: true });
  });
  region.addEventListener('toggle', markPanel, true);
  document.addEventListener('keydown', function (event) {
    var filters = filtersPanel();
    if (event.key !== 'Escape' || !filters || !filters.open || !narrow.matches) return;
    filters.open = false;
    markPanel();
    filters.querySelector('summary').focus();
  });

  window.addEventListener('popstate', function () { window.location.reload(); });
  collapseFiltersOnPhones();
})();
