// DOM building without HTML parsing: every text goes in through textContent / createTextNode, so names, titles and
// JSON from the server can never become markup. Inline styles are refused (the page's CSP forbids them anyway).

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(element, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }

    if (key === 'style') {
      throw new Error('inline styles are not allowed (CSP): use a class');
    } else if (key === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'text') {
      element.textContent = String(value);
    } else if (key === 'dataset') {
      for (const [name, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) {
          element.dataset[name] = String(data);
        }
      }
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' && 'value' in element) {
      element.value = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

/** Appends children: nodes, strings and numbers (as text), arrays of them; null, undefined and false are skipped. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }

    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  return parent;
}

/** An HTML element: h('button', {class: 'x', onclick}, 'Text'). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  apply(element, props);
  return append(element, ...children);
}

/** An SVG element, attributes as given. */
export function s(tag, props, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, props);
  return append(element, ...children);
}

/** Replaces all children of a node. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}

/** A table inside a keyboard-scrollable region, so a wide table scrolls on its own instead of widening the page. */
export function scrollingTable(label, table) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/** A labelled control: <div class="field"><label for=id>text</label>control</div>. */
export function field(text, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id, text }), control);
}

/** A file path or URL as a span that wraps only after its separators (a <wbr> after each / and \). */
export function path(text) {
  const span = h('span', { class: 'path', title: text });
  for (const part of String(text ?? '').split(/(?<=[/\\])/)) {
    span.append(document.createTextNode(part), document.createElement('wbr'));
  }

  return span;
}
