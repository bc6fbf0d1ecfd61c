// Building the page from data. Everything shown comes from strangers' repositories, so text goes in
// as text nodes and attributes through setAttribute: nothing here ever parses a string as HTML.

/** Creates an element: h('a', {href, class: 'x', onclick: fn}, 'text', child, [more]). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'href') {
      element.setAttribute('href', safeHref(value));
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (name === 'checked' || name === 'disabled' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: strings and numbers become text nodes, arrays are flattened, null is skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/**
 * A link target that cannot run script: our own paths, and http(s) addresses elsewhere. A
 * `javascript:` or `data:` URL from a repository becomes a harmless '#'.
 */
export function safeHref(value) {
  const text = String(value ?? '').trim();
  if (text.startsWith('/') && !text.startsWith('//')) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '#';
  } catch {
    return '#';
  }
}

/** Formats an ISO date as local date and time; '—' for none. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** 1234 → "1,234". */
export function count(number) {
  return Number(number ?? 0).toLocaleString('en-US');
}

/** A count with its noun, singular for exactly one: `1 deployment`, `2 deployments`. */
export function counted(number, noun, plural = `${noun}s`) {
  return `${count(number)} ${Number(number) === 1 ? noun : plural}`;
}

/** Calls `fn` at most once per `ms` after the last call. */
export function debounce(fn, ms = 200) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
