// Small DOM helpers: elements built from data (never from HTML strings, so nothing a server or a
// person typed can run as code), in-place updates that keep focus and open details, announcements
// for screen readers, time and number formats, and polling that pauses while the page is hidden.

/** An element: h('a', {href: '#/jobs', class: 'x', onclick: fn}, 'text', child, [more]). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/**
 * Replaces what `container` shows, keeping the focused element (by its data-key) and the open
 * <details> (by theirs), so a live update never throws a keyboard user back to the top.
 */
export function update(container, ...children) {
  const active = document.activeElement;
  const focusKey = active && container.contains(active) ? active.dataset.key : undefined;
  const open = new Set([...container.querySelectorAll('details[data-key]')].filter((d) => d.open).map((d) => d.dataset.key));
  container.replaceChildren();
  append(container, children);
  for (const details of container.querySelectorAll('details[data-key]')) {
    details.open = open.has(details.dataset.key);
  }
  if (focusKey !== undefined) {
    container.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }
}

/** Says `message` to screen readers (the page's polite live region). */
export function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A new text node after clearing, so the same message twice is announced twice.
  setTimeout(() => { region.textContent = message; }, 50);
}

/**
 * Runs `task` now and again `intervalMs` after each run ends, while the page is visible (a hidden
 * tab asks nothing) and until `task` answers false or stop() is called; refresh() runs it at once.
 */
export function poll(task, intervalMs) {
  let timer = null;
  let running = false;
  let again = false;
  let stopped = false;
  let paused = false;
  async function tick() {
    timer = null;
    if (stopped || document.hidden) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    let more = true;
    try {
      more = (await task()) !== false;
    } catch {
      // The task shows its own errors; the next run may succeed.
    } finally {
      running = false;
    }
    paused = !more;
    if (!stopped && !document.hidden && (more || again)) {
      timer = setTimeout(tick, again ? 0 : intervalMs);
    }
    again = false;
  }
  const wake = () => {
    if (!document.hidden && timer === null && !running && !paused) {
      tick();
    }
  };
  document.addEventListener('visibilitychange', wake);
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', wake);
    },
    refresh() {
      if (!stopped) {
        paused = false;
        clearTimeout(timer);
        tick();
      }
    },
  };
}

const pad = (n) => String(n).padStart(2, '0');

/** An instant as "2026-05-14 10:03:12 UTC" inside <time>, or a dash. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} `
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  return h('time', { datetime: iso }, text);
}

/** A span of milliseconds as "2 d 3 h", "4 min 5 s", "1.2 s" or "350 ms". */
export function span(ms) {
  if (ms === undefined || ms === null) {
    return '—';
  }
  const abs = Math.abs(ms);
  if (abs < 1000) {
    return `${Math.round(abs)} ms`;
  }
  if (abs < 60000) {
    return `${(abs / 1000).toFixed(1)} s`;
  }
  const s = Math.floor(abs / 1000);
  const [d, hr, min, sec] = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
  if (d > 0) {
    return `${d} d ${hr} h`;
  }
  if (hr > 0) {
    return `${hr} h ${min} min`;
  }
  return `${min} min ${sec} s`;
}

/** How long until `iso`: "in 29 d 23 h", or "due now" once passed. */
export function countdown(iso, now = Date.now()) {
  const left = new Date(iso).getTime() - now;
  return left > 0 ? `in ${span(left)}` : 'due now';
}

/** How long ago `iso` was: "3 h 5 min ago". */
export function ago(iso, now = Date.now()) {
  return `${span(Math.max(0, now - new Date(iso).getTime()))} ago`;
}

/** A count with thousands separators, the same in every locale. */
export function count(n) {
  return Number(n ?? 0).toLocaleString('en-US');
}

/** A job or subject status as text and a class (its colour never carries the meaning alone). */
export function badge(status) {
  return h('span', { class: `status status-${String(status).toLowerCase()}` }, status);
}

/** The first characters of an id, with the whole id for hover and assistive technology. */
export function shortId(id) {
  return h('span', { class: 'mono', title: id }, `${String(id).slice(0, 8)}…`);
}

/** A table with a caption, header cells with scope, and body rows of cells (arrays). */
export function table(caption, headers, rows, props = {}) {
  return h('table', props,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', null, rows.map((cells) => (cells instanceof Node ? cells : h('tr', null, cells.map((cell) => h('td', null, cell)))))));
}

/** A description list from [term, description] pairs (pairs with an undefined description are left out). */
export function facts(pairs, props = {}) {
  return h('dl', { class: 'facts', ...props }, pairs.filter(([, value]) => value !== undefined)
    .map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))));
}

/**
 * Counts per service and table: `rows` are [service, table, ...counts]; the tables with any count
 * are listed, those with none only counted, so what matters is not lost among empty tables.
 */
export function countsTable(caption, countHeadings, rows, props = {}) {
  const listed = rows.filter(([, , ...counts]) => counts.some((n) => Number(n) > 0));
  const empty = rows.length - listed.length;
  return [
    listed.length ? table(caption, ['Service', 'Table', ...countHeadings], listed.map(([service, name, ...counts]) =>
      [service, h('span', { class: 'mono' }, name), ...counts.map(count)]), { class: 'counts', ...props })
      : h('p', null, 'No table holds rows of it.'),
    empty ? h('p', { class: 'hint' }, `${empty} other table${empty === 1 ? '' : 's'} hold${empty === 1 ? 's' : ''}`
      + ' no rows of it.') : null,
  ];
}
