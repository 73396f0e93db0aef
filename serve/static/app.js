// newsdex-serve's page: enhances the server-rendered search form and results
// (which work without JavaScript) with facets, an attention-over-time chart,
// paging, an article view, an entity page and export.
//
// Contract: every string that comes from the API is archive data and is
// untrusted. It reaches the page only through textContent, createTextNode and
// attribute setters on elements built here (never innerHTML), and a link to
// an archive URL is made only when the URL's scheme is http or https. The page
// runs under the server's Content-Security-Policy (script-src 'self', no
// inline scripts, styles or event handlers), so it sets no style attribute.
'use strict';

(function () {
  // The API this page reads (served by newsdex-serve; the same JSON shapes as
  // newsdex-search --json).
  const API = {
    search: '/api/search',
    article: '/api/article/',  // + the id, percent-encoded
    entity: '/api/entity',
    exportCsv: '/api/export',
  };
  const PAGE_SIZE = 10;
  // Buckets above which the chart asks for years instead of months.
  const MAX_MONTH_BARS = 360;

  // The facet kinds the API may return, in the order shown, each with its
  // label and the query field a click filters on. Kinds not listed are not
  // shown (a field the query language may not have).
  const FACETS = [
    { key: 'person', label: 'People', field: 'person' },
    { key: 'place', label: 'Places', field: 'place' },
    { key: 'org', label: 'Organisations', field: 'org' },
    { key: 'misc', label: 'Other entities', field: 'misc' },
    { key: 'topic', label: 'Topics', field: 'topic' },
    { key: 'source', label: 'Sources', field: 'source' },
    { key: 'year', label: 'Years', field: 'date' },
    { key: 'language', label: 'Languages', field: 'lang' },
    { key: 'lang', label: 'Languages', field: 'lang' },
  ];
  const ENTITY_TYPES = ['person', 'place', 'org', 'misc'];
  const TYPE_LABEL = { person: 'person', place: 'place', org: 'organisation', misc: 'misc' };

  // ---- small DOM helpers ---------------------------------------------------

  // el('a', {class: 'x', href: h}, child...): an element; string children
  // become text nodes, null/undefined children are skipped.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }
  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }
  function str(v) {
    return typeof v === 'string' ? v : (v === null || v === undefined ? '' : String(v));
  }

  // The URL as a link target only when it is http or https; else null.
  function safeHttpUrl(raw) {
    if (typeof raw !== 'string' || raw === '') return null;
    try {
      const u = new URL(raw, window.location.href);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // Decodes the five entities the JSON writer uses in snippets.
  function decodeEntities(s) {
    return s.replace(/&(lt|gt|amp|quot|#39|#x27|apos);/g, (m, name) => (
      { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", apos: "'" }[name]));
  }

  // A snippet ("HTML-escaped with matches in <b>...</b>") as DOM: text nodes
  // and <mark> elements, never parsed as HTML. Any other tag stays text.
  function snippetNodes(snippet) {
    const frag = document.createDocumentFragment();
    const parts = str(snippet).split(/(<b>|<\/b>)/);
    let bold = false;
    for (const part of parts) {
      if (part === '<b>') { bold = true; continue; }
      if (part === '</b>') { bold = false; continue; }
      if (part === '') continue;
      const text = decodeEntities(part);
      frag.appendChild(bold ? el('mark', {}, text) : document.createTextNode(text));
    }
    return frag;
  }

  function formatDate(iso) {
    const s = str(iso);
    return s.length >= 10 ? s.slice(0, 10) : s;
  }

  // A value as one query term of FIELD: a phrase in double quotes (which the
  // query language cannot escape, so quotes inside are dropped).
  function filterTerm(field, value) {
    const v = str(value).replace(/["\u0000-\u001f]/g, ' ').trim();
    if (field === 'date' || field === 'lang') return field + ':' + v.replace(/\s+/g, '');
    return field + ':"' + v + '"';
  }

  // ---- state and URL -------------------------------------------------------

  // The page's state is its URL: ?q=&f=field:value...&offset=&sort= for a
  // search, ?article=ID for an article, ?entity=NAME for an entity page.
  function readState() {
    const p = new URLSearchParams(window.location.search);
    const filters = p.getAll('f').map((f) => {
      const i = f.indexOf(':');
      return i > 0 ? { field: f.slice(0, i), value: f.slice(i + 1) } : null;
    }).filter(Boolean);
    return {
      q: p.get('q') || '',
      filters,
      offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0),
      sort: p.get('sort') === 'relevance' ? '' : (p.get('sort') || ''),  // the server page's name for the default
      article: p.get('article'),
      entity: p.get('entity'),
    };
  }
  function stateUrl(s) {
    const p = new URLSearchParams();
    if (s.article) p.set('article', s.article);
    else if (s.entity) p.set('entity', s.entity);
    else {
      if (s.q) p.set('q', s.q);
      for (const f of s.filters || []) p.append('f', f.field + ':' + f.value);
      if (s.offset) p.set('offset', String(s.offset));
      if (s.sort) p.set('sort', s.sort);
    }
    const qs = p.toString();
    return window.location.pathname + (qs ? '?' + qs : '');
  }
  function go(s) {
    window.history.pushState(null, '', stateUrl(s));
    render();
  }
  // The query the API is sent: the typed query and every active filter.
  function fullQuery(s) {
    const parts = [];
    if (s.q.trim()) parts.push(s.filters.length ? '(' + s.q.trim() + ')' : s.q.trim());
    for (const f of s.filters) parts.push(filterTerm(f.field, f.value));
    return parts.join(' ');
  }
  // A link that navigates within the page (and still works as a plain link).
  function navLink(s, attrs, ...children) {
    const a = el('a', Object.assign({ href: stateUrl(s) }, attrs || {}), ...children);
    a.addEventListener('click', (ev) => {
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      go(s);
    });
    return a;
  }

  // ---- API -----------------------------------------------------------------

  // Fetches PATH with PARAMS as JSON. Rejects with an Error whose message is
  // the API's own one-line message when it sent one.
  async function api(path, params) {
    const query = new URLSearchParams(params || {}).toString();
    const url = query ? path + '?' + query : path;
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const msg = body && typeof body.error === 'string' ? body.error
        : (body && body.error && typeof body.error.message === 'string' ? body.error.message
          : 'the server answered ' + res.status);
      const err = new Error(msg);
      err.status = res.status;
      throw err;
    }
    return body;
  }

  // ---- page skeleton -------------------------------------------------------

  const ui = {};
  function setup() {
    ui.form = document.getElementById('search-form') || document.querySelector('form');
    ui.input = document.getElementById('q') || (ui.form && ui.form.querySelector('input[name="q"]'));
    ui.host = document.getElementById('main') || document.querySelector('main') || document.body;
    if (!ui.form || !ui.input) return false;
    document.documentElement.classList.add('js');

    clear(ui.host);
    ui.status = el('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
    ui.chips = el('div', { id: 'active-filters', class: 'chips', 'aria-label': 'Active filters' });
    ui.facets = el('aside', { id: 'facets', class: 'facets', 'aria-label': 'Refine by' });
    ui.chart = el('section', { id: 'chart', class: 'chart', 'aria-label': 'Attention over time' });
    ui.main = el('section', { id: 'view', class: 'view' });
    ui.layout = el('div', { class: 'layout' },
      ui.facets,
      el('div', { class: 'content' }, ui.chips, ui.chart, ui.status, ui.main));
    ui.host.appendChild(ui.layout);

    ui.form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const s = readState();
      go({ q: ui.input.value, filters: s.article || s.entity ? [] : s.filters, offset: 0, sort: s.sort });
    });
    document.addEventListener('keydown', (ev) => {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      ui.input.focus();
      ui.input.select();
    });
    window.addEventListener('popstate', render);
    return true;
  }

  let generation = 0;  // a newer render discards an older one's answers
  function render() {
    const s = readState();
    const mine = ++generation;
    const current = () => mine === generation;
    clear(ui.main); clear(ui.facets); clear(ui.chart); clear(ui.chips);
    ui.layout.classList.remove('with-facets');
    ui.status.textContent = '';
    if (s.article) return renderArticle(s.article, current);
    if (s.entity) return renderEntity(s.entity, current);
    ui.input.value = s.q;
    return renderSearch(s, current);
  }

  // A new view's heading takes the focus when the focus was on what the view
  // replaced (the link that opened it), so that keyboard and screen reader
  // users land on the new content; a focus elsewhere (the search box) stays.
  function moveFocus(heading) {
    const active = document.activeElement;
    if (!active || active === document.body || !document.body.contains(active)) heading.focus();
  }

  function showError(err) {
    clear(ui.main);
    ui.main.appendChild(el('p', { class: 'error', role: 'alert' }, str(err && err.message)));
  }

  // Runs `load` (the API calls of one view) and returns its result, or
  // null when the view is no longer current (the user moved on) or the
  // load failed (its message shown). Either way the status line is cleared.
  async function loadView(load, current) {
    let result;
    try {
      result = await load();
    } catch (err) {
      if (current()) {
        ui.status.textContent = '';
        showError(err);
      }
      return null;
    }
    if (!current()) return null;
    ui.status.textContent = '';
    return result;
  }

  // ---- search --------------------------------------------------------------

  async function renderSearch(s, current) {
    const query = fullQuery(s);
    renderChips(s);
    if (!query) {
      ui.status.textContent = 'Type a query, or * for every article.';
      return;
    }
    ui.status.textContent = 'Searching…';
    const params = { q: query, offset: s.offset, limit: PAGE_SIZE, histogram: 'month' };
    if (s.sort) params.sort = s.sort;
    const data = await loadView(async () => {
      const first = await api(API.search, params);
      if (first && first.histogram && Array.isArray(first.histogram.buckets)
          && first.histogram.buckets.length > MAX_MONTH_BARS) {
        params.histogram = 'year';
        return api(API.search, params);
      }
      return first;
    }, current);
    if (data === null) return;
    renderSummary(s, data);
    renderFacets(s, data.facets);
    renderChart(ui.chart, data.histogram, s, true);
    const list = el('ol', { id: 'results-list', class: 'results', start: s.offset + 1 });
    for (const r of Array.isArray(data.results) ? data.results : []) list.appendChild(resultItem(r));
    ui.main.appendChild(list);
    renderPaging(s, data);
  }

  function renderSummary(s, data) {
    const total = Number(data.total) || 0;
    const exact = data.total_exact !== false;
    const head = el('div', { class: 'summary' });
    const sentence = (exact ? '' : 'about ') + total.toLocaleString('en') + (total === 1 ? ' match' : ' matches');
    head.appendChild(el('p', { id: 'total', class: 'total' }, sentence));
    for (const w of Array.isArray(data.warnings) ? data.warnings : []) {
      head.appendChild(el('p', { class: 'warning' }, 'Note: ' + str(w)));
    }
    const sug = data.suggestion;
    if (sug && typeof sug === 'object' && sug.query || typeof sug === 'string' && sug) {
      const sq = typeof sug === 'string' ? sug : str(sug.query);
      const n = typeof sug === 'object' && sug.total !== undefined ? ' (' + str(sug.total) + ' matches)' : '';
      head.appendChild(el('p', { id: 'suggestion', class: 'suggestion' }, 'Did you mean: ',
        navLink({ q: sq, filters: [], offset: 0, sort: s.sort }, {}, sq), '?' + n));
    }
    const sort = el('select', { id: 'sort', 'aria-label': 'Sort by' },
      el('option', { value: '' }, 'Best match'),
      el('option', { value: 'date' }, 'Newest first'),
      el('option', { value: 'date-asc' }, 'Oldest first'));
    sort.value = s.sort;
    sort.addEventListener('change', () => go(Object.assign({}, s, { sort: sort.value, offset: 0 })));
    const exportLink = el('a', {
      id: 'export', class: 'button', download: 'newsdex-export.csv',
      href: API.exportCsv + '?' + new URLSearchParams({ q: fullQuery(s), format: 'csv' }).toString(),
    }, 'Export CSV');
    head.appendChild(el('div', { class: 'tools' }, el('label', { for: 'sort' }, 'Sort '), sort, ' ', exportLink));
    ui.main.appendChild(head);
  }

  // One result: title (to the article view), date, source, snippet, entity
  // chips (to entity pages), and "N similar" for a near-duplicate group.
  function resultItem(r) {
    const id = str(r.id);
    const title = str(r.title) || id || '(untitled)';
    const li = el('li', { class: 'result', 'data-id': id });
    li.appendChild(el('h3', { class: 'title' }, navLink({ article: id }, {}, title)));
    const meta = el('p', { class: 'meta' });
    if (r.date) meta.appendChild(el('time', { datetime: str(r.date) }, formatDate(r.date)));
    if (r.source) meta.appendChild(el('span', { class: 'source' }, str(r.source)));
    if (r.author) meta.appendChild(el('span', { class: 'author' }, str(r.author)));
    const href = safeHttpUrl(r.url);
    if (href) meta.appendChild(el('a', { class: 'url', href, rel: 'noopener noreferrer nofollow' }, 'original'));
    li.appendChild(meta);
    if (r.snippet) li.appendChild(el('p', { class: 'snippet' }, snippetNodes(r.snippet)));
    li.appendChild(entityChips(r.entities, 3));
    const dups = Number(r.duplicates) || 0;
    if (dups > 0) {
      li.appendChild(el('p', { class: 'similar' },
        navLink({ article: id }, { class: 'similar-link' }, dups + ' similar')));
    }
    return li;
  }

  function entityChips(entities, perType) {
    const box = el('ul', { class: 'entity-chips', 'aria-label': 'Named in this article' });
    if (!entities || typeof entities !== 'object') return box;
    for (const type of ENTITY_TYPES) {
      const names = Array.isArray(entities[type]) ? entities[type] : [];
      for (const name of names.slice(0, perType)) {
        box.appendChild(el('li', {}, navLink({ entity: type + ':' + str(name) },
          { class: 'chip chip-' + type, title: TYPE_LABEL[type] }, str(name))));
      }
    }
    return box;
  }

  // The publisher's topics of an article (TOPICS, an array of strings), at
  // most MAX, each a link to the search for the articles with that topic.
  function topicChips(topics, max) {
    const box = el('ul', { class: 'topic-chips', 'aria-label': 'Topics' });
    for (const t of (Array.isArray(topics) ? topics : []).slice(0, max)) {
      const value = str(t);
      if (!value) continue;
      box.appendChild(el('li', {}, navLink({ q: '', filters: [{ field: 'topic', value }], offset: 0, sort: '' },
        { class: 'chip chip-topic', title: 'topic' }, value)));
    }
    return box;
  }

  function renderPaging(s, data) {
    const total = Number(data.total) || 0;
    const nav = el('nav', { class: 'paging', 'aria-label': 'Pages' });
    if (s.offset > 0) {
      nav.appendChild(navLink(Object.assign({}, s, { offset: Math.max(0, s.offset - PAGE_SIZE) }),
        { rel: 'prev', id: 'prev' }, '← Previous'));
    }
    const shown = Array.isArray(data.results) ? data.results.length : 0;
    if (s.offset === 0 && shown >= total) return;  // one page: nothing to page through
    if (shown) nav.appendChild(el('span', {}, ' ' + (s.offset + 1) + '–' + (s.offset + shown) + ' '));
    if (s.offset + shown < total) {
      nav.appendChild(navLink(Object.assign({}, s, { offset: s.offset + PAGE_SIZE }),
        { rel: 'next', id: 'next' }, 'Next →'));
    }
    ui.main.appendChild(nav);
  }

  // ---- filters and facets --------------------------------------------------

  function renderChips(s) {
    s.filters.forEach((f, i) => {
      const rest = s.filters.filter((_, j) => j !== i);
      const label = f.field + ': ' + f.value;
      ui.chips.appendChild(navLink(Object.assign({}, s, { filters: rest, offset: 0 }),
        { class: 'chip active-filter', 'aria-label': 'Remove filter ' + label }, label, ' ×'));
    });
  }

  // The facets in a <details>, open beside the results on a wide screen and
  // closed above them on a phone (one tap opens it).
  function renderFacets(s, facets) {
    if (!facets || typeof facets !== 'object') return;
    const box = el('details', { class: 'refine' }, el('summary', {}, el('h2', {}, 'Refine')));
    box.open = window.matchMedia('(min-width: 50rem)').matches;
    ui.facets.appendChild(box);
    const seen = new Set();
    for (const kind of FACETS) {
      const values = facets[kind.key];
      if (!Array.isArray(values) || values.length === 0 || seen.has(kind.field)) continue;
      seen.add(kind.field);
      const list = el('ul', {});
      for (const v of values) {
        const value = str(v && v.value);
        if (!value) continue;
        const active = s.filters.some((f) => f.field === kind.field && f.value === value);
        const next = Object.assign({}, s, { offset: 0,
          filters: active ? s.filters : s.filters.concat([{ field: kind.field, value }]) });
        list.appendChild(el('li', {}, navLink(next,
          { class: 'facet' + (active ? ' active' : ''), 'data-field': kind.field, 'data-value': value,
            'aria-current': active ? 'true' : null },
          el('span', { class: 'facet-value' }, value), ' ',
          el('span', { class: 'count' }, str(v.count)))));
      }
      box.appendChild(el('section', { class: 'facet-group', 'data-kind': kind.key },
        el('h3', {}, kind.label), list));
    }
    ui.layout.classList.add('with-facets');
  }

  // ---- attention over time -------------------------------------------------

  // Draws HIST ({interval, buckets: [{period, count}], undated}) as an SVG
  // bar chart into HOST, captioned WHAT ('Matches' unless given) per
  // interval. With SELECTABLE, a click on a bar or a drag across bars adds a
  // date filter for that period (or range) to state S.
  function renderChart(host, hist, s, selectable, what) {
    const noun = what || 'Matches';
    if (!hist || !Array.isArray(hist.buckets) || hist.buckets.length === 0) return;
    const buckets = hist.buckets.map((b) => ({ period: str(b.period), count: Number(b.count) || 0 }));
    const W = 720, H = 120;
    const max = Math.max(1, ...buckets.map((b) => b.count));
    const step = (W - 2) / buckets.length;
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'histogram', role: 'group',
      'aria-label': noun + ' per ' + str(hist.interval) + (selectable ? '; pick a period to filter by it' : ''),
      'data-interval': str(hist.interval), preserveAspectRatio: 'none' });
    const bars = [];
    buckets.forEach((b, i) => {
      const h = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (H - 4));
      const g = svg('g', { class: 'bar', 'data-period': b.period, 'data-count': b.count });
      const hit = svg('rect', { class: 'hit', x: 1 + i * step, y: 0, width: Math.max(step, 1), height: H });
      const barWidth = Math.max(Math.min(step * 0.8, 48), 0.5);  // a lone bar is no slab
      const rect = svg('rect', { class: 'fill', x: 1 + i * step + (step - barWidth) / 2, y: H - h,
        width: barWidth, height: h });
      const title = svg('title', {});
      title.textContent = b.period + ': ' + b.count;
      g.append(hit, rect, title);
      if (selectable) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', b.period + ': ' + b.count + (b.count === 1 ? ' match' : ' matches'));
        g.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); selectPeriod(s, b.period, b.period); }
        });
      }
      bars.push(g);
      root.appendChild(g);
    });
    // The axis's ends as HTML under the chart: text in an SVG stretched to
    // the page's width would be stretched with it.
    const ends = buckets.length > 1 ? [buckets[0].period, buckets[buckets.length - 1].period] : [buckets[0].period];
    const axis = el('div', { class: 'axis' + (ends.length === 1 ? ' single' : '') },
      ends.map((p) => el('span', {}, p)));

    if (selectable) {
      let from = null;
      const indexAt = (ev) => {
        const g = ev.target && ev.target.closest ? ev.target.closest('g.bar') : null;
        return g ? bars.indexOf(g) : -1;
      };
      const mark = (a, b) => bars.forEach((g, i) => g.classList.toggle('selecting',
        a >= 0 && i >= Math.min(a, b) && i <= Math.max(a, b)));
      root.addEventListener('pointerdown', (ev) => {
        from = indexAt(ev);
        if (from >= 0) { mark(from, from); ev.preventDefault(); }
      });
      root.addEventListener('pointermove', (ev) => {
        if (from === null || from < 0) return;
        const i = indexAt(ev);
        if (i >= 0) mark(from, i);
      });
      root.addEventListener('pointerup', (ev) => {
        if (from === null || from < 0) { from = null; return; }
        const to = indexAt(ev) >= 0 ? indexAt(ev) : from;
        const a = Math.min(from, to), b = Math.max(from, to);
        from = null;
        selectPeriod(s, buckets[a].period, buckets[b].period);
      });
    }
    const caption = [el('span', {}, noun + ' per ' + str(hist.interval))];
    if (Number(hist.undated) > 0) caption.push(el('span', { class: 'undated' }, ', ' + str(hist.undated) + ' undated'));
    if (selectable) caption.push(el('span', { class: 'hint' }, ' (click or drag to pick a period)'));
    host.append(el('h2', { class: 'chart-title' }, caption), root, axis);
  }

  // A histogram period as a date: query value (year, month and day periods
  // are the query's own forms; an ISO week becomes its Monday..Sunday).
  function periodBounds(period) {
    const w = /^(\d{4})-W(\d{2})$/.exec(period);
    if (!w) return [period, period];
    const year = Number(w[1]), week = Number(w[2]);
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  function selectPeriod(s, first, last) {
    const a = periodBounds(first)[0], b = periodBounds(last)[1];
    const value = a === b ? a : a + '..' + b;
    const filters = s.filters.filter((f) => f.field !== 'date').concat([{ field: 'date', value }]);
    go(Object.assign({}, s, { filters, offset: 0 }));
  }

  // ---- article view --------------------------------------------------------

  // The article's text as paragraphs, each name of its entities marked and
  // linked to the entity's page.
  function markedText(text, entities) {
    const names = [];
    if (entities && typeof entities === 'object') {
      for (const type of ENTITY_TYPES) {
        for (const n of Array.isArray(entities[type]) ? entities[type] : []) {
          const name = str(n);
          if (name.length >= 2) names.push({ name, type });
        }
      }
    }
    names.sort((a, b) => b.name.length - a.name.length);
    const byName = new Map(names.map((n) => [n.name, n.type]));
    const escaped = names.slice(0, 200).map((n) => n.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // Whole words only: 'Syria' is not marked inside 'Syrians'.
    const re = escaped.length
      ? new RegExp('(?<![\\p{L}\\p{N}])(?:' + escaped.join('|') + ')(?![\\p{L}\\p{N}])', 'gu') : null;
    const box = el('div', { id: 'article-text', class: 'article-text' });
    for (const para of str(text).split(/\n\s*\n/)) {
      if (!para.trim()) continue;
      const p = el('p', {});
      if (!re) { p.textContent = para; box.appendChild(p); continue; }
      let last = 0;
      for (const m of para.matchAll(re)) {
        if (m.index > last) p.appendChild(document.createTextNode(para.slice(last, m.index)));
        const type = byName.get(m[0]);
        p.appendChild(navLink({ entity: type + ':' + m[0] },
          { class: 'ent ent-' + type, title: TYPE_LABEL[type] }, m[0]));
        last = m.index + m[0].length;
      }
      if (last < para.length) p.appendChild(document.createTextNode(para.slice(last)));
      box.appendChild(p);
    }
    return box;
  }

  // Lists articles (search results) under a heading, or says there are none.
  function resultSection(id, heading, results, empty) {
    const section = el('section', { id, class: 'related' }, el('h2', {}, heading));
    const list = Array.isArray(results) ? results : [];
    if (list.length === 0) section.appendChild(el('p', { class: 'none' }, empty));
    else section.appendChild(append(el('ol', { class: 'results' }), list.map(resultItem)));
    return section;
  }

  async function renderArticle(id, current) {
    ui.status.textContent = 'Loading…';
    let a = await loadView(() => api(API.article + encodeURIComponent(id)), current);
    if (a === null) return;
    if (a && a.article && typeof a.article === 'object') a = a.article;
    const view = el('article', { id: 'article', class: 'article', 'data-id': str(a.id) });
    const heading = el('h2', { class: 'title', tabindex: '-1' }, str(a.title) || str(a.id));
    view.appendChild(heading);
    const meta = el('p', { class: 'meta' });
    if (a.date) meta.appendChild(el('time', { datetime: str(a.date) }, formatDate(a.date)));
    if (a.source) meta.appendChild(el('span', { class: 'source' }, str(a.source)));
    const author = Array.isArray(a.author) ? a.author.map(str).join(', ') : str(a.author);
    if (author) meta.appendChild(el('span', { class: 'author' }, author));
    if (a.language) meta.appendChild(el('span', { class: 'language' }, str(a.language)));
    const href = safeHttpUrl(a.url);
    if (href) meta.appendChild(el('a', { class: 'url', href, rel: 'noopener noreferrer nofollow' }, 'original'));
    view.appendChild(meta);
    view.appendChild(entityChips(a.entities, 50));
    view.appendChild(topicChips(a.topics, 50));
    view.appendChild(markedText(a.body, a.entities));
    ui.main.appendChild(view);
    moveFocus(heading);

    // Near-duplicates and more like this, each from a search. In a query,
    // like:"ID" is quoted so that an id with a slash or a space (a file
    // path) is one term; an id with a double quote cannot be quoted there,
    // so the API's own like parameter is used for the list.
    const aid = str(a.id);
    const likeQuery = 'like:' + (aid.includes('"') ? aid : '"' + aid + '"');
    const [dups, like] = await Promise.all([
      Number(a.group_size) > 1 || Number(a.duplicates) > 0
        ? api(API.search, { duplicates_of: str(a.id), limit: 50 }).catch(() => null) : Promise.resolve({ results: [] }),
      api(API.search, { like: aid, limit: PAGE_SIZE }).catch(() => null),
    ]);
    if (!current()) return;
    const others = dups && Array.isArray(dups.results) ? dups.results.filter((r) => str(r.id) !== str(a.id)) : [];
    ui.main.appendChild(resultSection('near-duplicates', 'Near-duplicates', others, 'No near-duplicates.'));
    const likeSection = resultSection('more-like-this', 'More like this', like && like.results, 'Nothing similar found.');
    likeSection.appendChild(el('p', {}, navLink({ q: likeQuery, filters: [], offset: 0, sort: '' }, {}, 'Search for more like this')));
    ui.main.appendChild(likeSection);
  }

  // ---- entity page ---------------------------------------------------------

  async function renderEntity(name, current) {
    ui.status.textContent = 'Loading…';
    let e = await loadView(() => api(API.entity, { name }), current);
    if (e === null) return;
    if (!e || e.found === false) {
      ui.main.appendChild(el('p', { class: 'error', role: 'alert' }, 'No entity is known by the name ' + name + '.'));
      return;
    }
    const type = str(e.type);
    const page = el('article', { id: 'entity', class: 'entity', 'data-type': type });
    const heading = el('h2', { tabindex: '-1' }, str(e.name), ' ',
      el('span', { class: 'chip chip-' + type }, TYPE_LABEL[type] || type));
    page.appendChild(heading);
    const facts = el('p', { class: 'meta' }, str(e.articles) + (Number(e.articles) === 1 ? ' article' : ' articles'));
    if (e.first_date) facts.appendChild(document.createTextNode(', ' + str(e.first_date) + ' to ' + str(e.last_date)));
    page.appendChild(facts);
    if (e.query) {
      page.appendChild(el('p', {}, navLink({ q: str(e.query), filters: [], offset: 0, sort: '' }, { id: 'entity-search' },
        'Search its articles')));
    }
    const aliases = Array.isArray(e.aliases) ? e.aliases : [];
    const aliasList = el('ul', { id: 'aliases', class: 'aliases' });
    for (const al of aliases) {
      const n = typeof al === 'object' && al ? str(al.name !== undefined ? al.name : al.value) : str(al);
      const c = typeof al === 'object' && al ? (al.articles !== undefined ? al.articles : al.count) : undefined;
      aliasList.appendChild(el('li', {}, n, c !== undefined ? el('span', { class: 'count' }, ' ' + str(c)) : null));
    }
    page.appendChild(el('section', {}, el('h3', {}, 'Also known as'),
      aliases.length ? aliasList : el('p', { class: 'none' }, 'No other names.')));
    const months = Array.isArray(e.months) ? e.months : [];
    const timeline = el('section', { id: 'timeline', class: 'chart' });
    renderChart(timeline, { interval: 'month', undated: e.undated,
      buckets: months.map((m) => ({ period: m.month, count: m.articles })) }, null, false, 'Articles');
    page.appendChild(timeline);
    const related = el('section', { id: 'related', class: 'related-entities' }, el('h3', {}, 'Named with it'));
    for (const t of ENTITY_TYPES) {
      const list = e.related && Array.isArray(e.related[t]) ? e.related[t] : [];
      if (!list.length) continue;
      const ul = el('ul', { class: 'entity-chips' });
      for (const r of list) {
        ul.appendChild(el('li', {}, navLink({ entity: t + ':' + str(r.value) }, { class: 'chip chip-' + t },
          str(r.value), ' ', el('span', { class: 'count' }, str(r.count)))));
      }
      related.appendChild(el('h4', {}, TYPE_LABEL[t]));
      related.appendChild(ul);
    }
    page.appendChild(related);
    ui.main.appendChild(page);
    moveFocus(heading);
    ui.main.appendChild(resultSection('entity-articles', 'Newest articles', e.examples, 'No articles.'));
  }

  if (setup()) render();
})();
