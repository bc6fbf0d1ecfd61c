// What pages share: the current collection, and how API values are named and shown.
import { h } from './dom.js';
import { badge } from './ui.js';

const collectionKey = 'skillmeat.collection';

export const state = {
  collection: localStorage.getItem(collectionKey),
  collections: [],
};

export function setCollection(name) {
  state.collection = name || null;
  if (name) localStorage.setItem(collectionKey, name); else localStorage.removeItem(collectionKey);
}

/** The artifact types, in the order pages list them. */
export const artifactTypes = ['skill', 'command', 'agent', 'mcp_server', 'hook'];

export const typeLabels = { skill: 'Skill', command: 'Command', agent: 'Agent', mcp_server: 'MCP server', hook: 'Hook' };

/** The catalog statuses, as the source page's tabs show them. */
export const catalogStatuses = ['new', 'updated', 'imported', 'removed', 'excluded'];

/** The drift states of a deployment. */
export const driftStates = ['synced', 'modified', 'outdated', 'conflict', 'missing'];

export function typeBadge(type) {
  return badge(typeLabels[type] ?? type, `type-${type}`);
}

/** `skill:name`, the id the API and CLI use. */
export function artifactId(artifact) {
  return artifact.id ?? `${artifact.type}:${artifact.name}`;
}

/** `skill:name` split into its type and name. */
export function splitId(id) {
  const [type, ...rest] = String(id).split(':');
  return { type, name: rest.join(':') };
}

/** A link to an artifact's page in the collection. */
export function artifactLink(artifact) {
  return h('a', { href: `/collection/${encodeURIComponent(artifactId(artifact))}`, 'data-nav': '' }, artifact.name);
}

/** A link to a source's page with one catalog entry open. */
export function entryLink(sourceID, entryID, label) {
  return h('a', { href: `/marketplace/sources/${encodeURIComponent(sourceID)}?entry=${encodeURIComponent(entryID)}`, 'data-nav': '' }, label);
}

/** A project's id for addresses: its path, encoded as one segment. */
export function projectHref(path) {
  return `/projects/${encodeURIComponent(path)}`;
}

/** The last folder of a path. */
export function baseName(path) {
  return String(path ?? '').split('/').filter(Boolean).pop() ?? String(path ?? '');
}

/** Confidence as a small meter with its number. */
export function confidence(score) {
  const value = Math.max(0, Math.min(100, Number(score ?? 0)));
  const level = value >= 80 ? 'high' : value >= 60 ? 'medium' : 'low';
  return h('span', { class: `confidence confidence-${level}`, title: `Confidence ${value} of 100` },
    h('meter', { min: '0', max: '100', low: '60', high: '80', optimum: '100', value: String(value), 'aria-hidden': 'true' }),
    `${value}`);
}

let sourceNamesLoading = null;

/** Source names by id, loaded once per page load (artifacts carry only the id). */
export function sourceNames() {
  sourceNamesLoading ??= import('./api.js').then((api) => api.get('/marketplace/sources'))
    .then((list) => new Map((Array.isArray(list) ? list : list.items ?? []).map((s) => [s.id, s.name])))
    .catch(() => { sourceNamesLoading = null; return new Map(); });
  return sourceNamesLoading;
}
