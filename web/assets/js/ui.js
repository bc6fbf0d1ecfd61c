// Shared pieces of every page: dialogs that trap focus, toasts, badges, and the loading, empty and
// error states.
import { h, replace } from './dom.js';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Opens a modal dialog. `build(close)` returns its body; the dialog keeps focus inside, closes on
 * Escape and gives focus back to where it was. Resolves with what `close(value)` was given.
 */
export function dialog({ title, className = '', build, labelledBy }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = `dialog-title-${Math.random().toString(36).slice(2)}`;
    let closed = false;
    const close = (value = null) => {
      if (closed) return;
      closed = true;
      document.removeEventListener('keydown', onKey, true);
      backdrop.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(value);
    };
    const onKey = (event) => {
      if (!backdrop.isConnected || backdrop !== topDialog()) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close(null);
      } else if (event.key === 'Tab') {
        const items = [...panel.querySelectorAll(focusable)].filter((e) => e.offsetParent !== null);
        if (items.length === 0) { event.preventDefault(); panel.focus(); return; }
        const first = items[0], last = items[items.length - 1];
        if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
          event.preventDefault(); last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault(); first.focus();
        }
      }
    };
    const heading = h('h2', { id: titleId, class: 'dialog-title' }, title);
    const panel = h('div', {
      class: `dialog ${className}`, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': labelledBy ?? titleId, tabindex: '-1',
    });
    const backdrop = h('div', { class: 'backdrop', onmousedown: (event) => { if (event.target === backdrop) close(null); } }, panel);
    const body = build(close, heading);
    append(panel, heading, body);
    document.body.append(backdrop);
    document.addEventListener('keydown', onKey, true);
    const first = panel.querySelector('[autofocus]') ?? panel.querySelector(focusable);
    (first ?? panel).focus();
  });
}

function append(parent, ...children) {
  for (const child of children.flat()) if (child) parent.append(child);
}

function topDialog() {
  const all = document.querySelectorAll('.backdrop');
  return all[all.length - 1];
}

/** A yes/no question; resolves true only when confirmed. */
export function confirmDialog({ title, message, confirm = 'Confirm', danger = false, extra = null }) {
  return dialog({
    title,
    build: (close) => h('div', {},
      h('p', {}, message),
      extra,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'danger' : 'primary', onclick: () => close(true) }, confirm))),
  }).then((value) => value === true);
}

/** A short message at the bottom of the page. */
export function toast(message, kind = 'info') {
  const item = h('div', { class: `toast ${kind}` }, message);
  document.getElementById('toasts').append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

export function badge(text, kind = text) {
  return h('span', { class: `badge badge-${String(kind).replace(/[^a-z0-9_-]/gi, '')}` }, text);
}

export function loading(what = 'Loading…') {
  return h('p', { class: 'state loading', role: 'status' }, what);
}

export function empty(message, action = null) {
  return h('div', { class: 'state empty' }, h('p', {}, message), action);
}

/** An error state with the API's sentence, a Retry button and, when given, a fallback link. */
export function failure(error, { retry, fallback } = {}) {
  const kind = error?.rateLimited ? 'rate-limit' : error?.network ? 'network' : error?.status === 404 ? 'gone' : 'error';
  const heading = {
    'rate-limit': 'The host’s rate limit is spent.',
    network: 'The network failed.',
    gone: 'Not found.',
    error: 'Something went wrong.',
  }[kind];
  const wait = error?.retryAfter ? ` Try again in about ${Math.ceil(Number(error.retryAfter) / 60)} min.` : '';
  return h('div', { class: `state error error-${kind}`, role: 'alert' },
    h('p', { class: 'error-title' }, heading),
    h('p', {}, (error?.detail ?? String(error)) + wait),
    h('div', { class: 'actions' },
      retry ? h('button', { type: 'button', class: 'retry', onclick: retry }, 'Retry') : null,
      fallback ? h('a', { href: fallback.href, target: '_blank', rel: 'noopener noreferrer', class: 'button' }, fallback.label) : null));
}

/** Runs `load` and renders its result into `target`, with the loading and error states. */
export async function render(target, load, show, { fallback } = {}) {
  replace(target, loading());
  try {
    const data = await load();
    replace(target, show(data));
  } catch (error) {
    replace(target, failure(error, { retry: () => render(target, load, show, { fallback }), fallback }));
  }
}

/** A menu button (kebab) with items [{label, action, danger}]; keyboard: arrows, Escape. */
export function menu(label, items) {
  const button = h('button', { type: 'button', class: 'icon kebab', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': label, title: label }, '⋮');
  const list = h('div', { class: 'menu', role: 'menu', hidden: true });
  const wrapper = h('div', { class: 'menu-wrapper' }, button, list);
  const close = () => { list.hidden = true; button.setAttribute('aria-expanded', 'false'); };
  for (const item of items.filter(Boolean)) {
    list.append(h('button', {
      type: 'button', role: 'menuitem', class: item.danger ? 'danger' : '',
      onclick: () => { close(); button.focus(); item.action(); },
    }, item.label));
  }
  button.addEventListener('click', () => {
    const open = list.hidden;
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) list.querySelector('button')?.focus();
  });
  list.addEventListener('keydown', (event) => {
    const entries = [...list.querySelectorAll('button')];
    const index = entries.indexOf(document.activeElement);
    if (event.key === 'Escape') { event.stopPropagation(); close(); button.focus(); }
    if (event.key === 'ArrowDown') { event.preventDefault(); entries[(index + 1) % entries.length].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); entries[(index - 1 + entries.length) % entries.length].focus(); }
  });
  wrapper.addEventListener('focusout', (event) => { if (!wrapper.contains(event.relatedTarget)) close(); });
  return wrapper;
}

/** A labelled form field. */
export function field(label, control, help = null) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, help ? h('span', { class: 'help' }, help) : null);
}

/** A <select> of [value, label] pairs (or plain values). */
export function select(options, value, attributes = {}) {
  return h('select', attributes, options.map((option) => {
    const [optionValue, optionLabel] = Array.isArray(option) ? option : [option, option];
    return h('option', { value: optionValue, selected: optionValue === value }, optionLabel);
  }));
}

/** A toggle switch (a checkbox with role switch). */
export function toggle(label, checked = false, attributes = {}) {
  const input = h('input', { type: 'checkbox', role: 'switch', checked, ...attributes });
  return { input, element: h('label', { class: 'toggle' }, input, h('span', {}, label)) };
}
