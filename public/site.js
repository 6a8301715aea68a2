// Progressive enhancement of the public site. Every page works without it: the search form is a plain GET form.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var form = document.getElementById('search-form');
  if (!form) return;
  var region = document.getElementById('live-results');
  var status = document.getElementById('search-status');
  var input = document.getElementById('q');
  var narrow = window.matchMedia('(max-width: 760px)');
  var sequence = 0;
  var timer = 0;

  function collapseFiltersOnPhones() {
    var filters = region.querySelector('[data-filters]');
    if (filters && narrow.matches) filters.open = false;
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

  // Fetches the same page the form would load and swaps in its results, keeping focus where it was.
  function update(push) {
    var mine = ++sequence;
    var qs = queryString();
    var url = '/search' + (qs ? '?' + qs : '');
    var focusedId = document.activeElement && document.activeElement.id;
    var filters = region.querySelector('[data-filters]');
    var filtersOpen = filters ? filters.open : true;
    region.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== sequence) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('live-results');
        if (!fresh) { window.location.href = url; return; }
        region.innerHTML = fresh.innerHTML;
        var newFilters = region.querySelector('[data-filters]');
        if (newFilters) newFilters.open = filtersOpen;
        document.title = doc.title;
        var count = doc.getElementById('results-title');
        if (status && count) status.textContent = count.textContent;
        if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
        var again = focusedId && document.getElementById(focusedId);
        if (again && again !== input) again.focus();
      })
      .catch(function () { window.location.href = url; })
      .finally(function () { if (mine === sequence) region.removeAttribute('aria-busy'); });
  }

  form.addEventListener('change', function (event) {
    if (event.target === input) return;
    update(true);
  });

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(false); }, 250);
  });

  window.addEventListener('popstate', function () { window.location.reload(); });
  collapseFiltersOnPhones();
})();
