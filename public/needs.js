// The need page's live shortlist: while the firm writes, the partners that fit are fetched and swapped in. Without
// this script the page still works: "show partners" posts the form and the page comes back with its shortlist.
(function () {
  'use strict';
  var form = document.querySelector('form[data-shortlist]');
  if (!form) return;
  var region = document.getElementById('field-partners');
  var preview = form.querySelector('.need-preview');
  var url = form.getAttribute('data-shortlist');
  var status = document.getElementById('shortlist-status');
  var countText = form.getAttribute('data-count-text') || '';
  var MAX_PARTNERS = 5;
  var sequence = 0;
  var timer = 0;
  if (preview) preview.hidden = true;

  // At most five partners: once five are ticked, the other boxes wait until one is unticked.
  function limitChoices() {
    var boxes = region.querySelectorAll('input[name="partners"]');
    var ticked = region.querySelectorAll('input[name="partners"]:checked').length;
    boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= MAX_PARTNERS; });
  }

  function update() {
    var mine = ++sequence;
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (key !== '_csrf') body.append(key, String(value)); });
    region.setAttribute('aria-busy', 'true');
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (html) {
        if (mine !== sequence) return;
        region.innerHTML = html;
        limitChoices();
        // One short line for screen readers instead of the whole list read out at every keystroke.
        var list = region.querySelector('[data-count]');
        if (status) status.textContent = countText.replace('{n}', list ? list.getAttribute('data-count') : '0');
      })
      .catch(function () { if (preview) preview.hidden = false; })
      .finally(function () { if (mine === sequence) region.removeAttribute('aria-busy'); });
  }

  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(update, ms);
  }

  // The text being written survives a reload or a lost connection in this tab; it is dropped once the form is sent.
  var text = form.querySelector('textarea[name="text"]');
  var DRAFT = 'need-draft';
  try {
    if (text && !text.value && sessionStorage.getItem(DRAFT)) { text.value = sessionStorage.getItem(DRAFT); later(0); }
  } catch (e) { /* storage may be off; the page works without it */ }

  form.addEventListener('input', function (event) {
    if (event.target.name !== 'text') return;
    try { sessionStorage.setItem(DRAFT, text.value); } catch (e) { /* see above */ }
    later(350);
  });
  form.addEventListener('submit', function () {
    try { sessionStorage.removeItem(DRAFT); } catch (e) { /* see above */ }
  });
  form.addEventListener('change', function (event) {
    var name = event.target.name;
    if (name === 'partners') limitChoices();
    else if (name === 'fields' || name === 'county' || name === 'collections') later(0);
  });
  limitChoices();
})();
