// Marketplace sources: the list with counts and last scan, adding one from a URL (read back through
// infer-url first), rescan, edit and remove.
import * as api from '../api.js';
import { h, replace, when, count } from '../dom.js';
import { badge, confirmDialog, dialog, empty, field, loading, select, toast } from '../ui.js';
import { artifactTypes } from '../model.js';

const trustLevels = ['untrusted', 'basic', 'trusted', 'official'];

export default async function sourcesPage({ main, isCurrent }) {
  replace(main, h('h1', {}, 'Marketplace sources'), loading());
  const sources = await api.get('/marketplace/sources');
  if (!isCurrent()) return;
  const list = Array.isArray(sources) ? sources : sources.items ?? [];
  const addButton = h('button', { type: 'button', class: 'primary', onclick: async () => { if (await addSource()) sourcesPage({ main, isCurrent }); } }, 'Add source');
  replace(main,
    h('div', { class: 'row' }, h('h1', {}, 'Marketplace sources'), h('span', { class: 'grow' }), addButton),
    list.length === 0
      ? empty('No sources yet. Add a GitHub repository, a git URL or a local folder.', null)
      : h('div', { class: 'table-wrap' }, h('table', { class: 'sources' },
        h('thead', {}, h('tr', {}, ['Name', 'Location', 'Artifacts', 'Last scan', 'Status', ''].map((t, i) => h('th', { class: i === 1 || i === 3 ? 'optional' : '' }, t)))),
        h('tbody', {}, list.map((source) => h('tr', { dataset: { source: source.id } },
          h('td', {}, h('a', { href: `/marketplace/sources/${encodeURIComponent(source.id)}`, 'data-nav': '' }, source.name),
            source.pending_tags?.length ? [' ', badge(`${source.pending_tags.length} tags to review`, 'updated')] : null),
          h('td', { class: 'optional mono small' }, source.location, source.ref ? ` @ ${source.ref}` : ''),
          h('td', {}, count(source.artifact_count)),
          h('td', { class: 'optional' }, when(source.last_scan_at)),
          h('td', {}, source.last_error ? h('span', { class: 'badge badge-failed', title: source.last_error }, 'Scan failed') : badge('ok', 'synced'),
            source.last_error ? h('div', { class: 'small muted' }, source.last_error) : null),
          h('td', {}, h('button', {
            type: 'button', onclick: async (event) => {
              event.target.disabled = true;
              try {
                const result = await api.post(`/marketplace/sources/${api.seg(source.id)}/rescan`, {});
                toast(result.error ? result.error : `${source.name}: ${result.scan.new_count} new, ${result.scan.updated_count} updated.`, result.error ? 'error' : 'success');
                sourcesPage({ main, isCurrent });
              } catch (error) {
                toast(error.detail, 'error');
                event.target.disabled = false;
              }
            },
          }, 'Rescan')))))))
  );
}

/** The add dialog: the URL is read back through infer-url and shown before anything is saved. */
export function addSource() {
  return dialog({
    title: 'Add a source',
    build: (close) => {
      const url = h('input', { type: 'text', name: 'url', autofocus: true, placeholder: 'owner/repo, https://github.com/owner/repo/tree/main/skills, a git URL or a folder', required: true });
      const name = h('input', { type: 'text', name: 'name', placeholder: 'optional' });
      const ref = h('input', { type: 'text', name: 'ref', placeholder: 'default branch' });
      const root = h('input', { type: 'text', name: 'root', placeholder: 'the whole repository' });
      const trust = select(trustLevels, 'basic', { name: 'trust' });
      const inferred = h('div', { class: 'small', 'aria-live': 'polite' });
      const error = h('p', { role: 'alert', class: 'small' });
      const save = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Add and scan');
      let checkedURL = null;
      async function check() {
        const value = url.value.trim();
        if (!value) return;
        replace(error);
        try {
          const result = await api.post('/marketplace/sources/infer-url', { url: value });
          checkedURL = value;
          replace(inferred, h('dl', { class: 'inferred' },
            h('dt', {}, 'Provider'), h('dd', {}, result.provider ?? '—'),
            h('dt', {}, 'Location'), h('dd', { class: 'mono' }, result.location ?? value),
            h('dt', {}, 'Ref'), h('dd', {}, result.ref ?? 'default branch'),
            h('dt', {}, 'Root'), h('dd', {}, result.root ?? 'the whole repository')));
          if (!ref.value && result.ref) ref.value = result.ref;
          if (!root.value && result.root) root.value = result.root;
          if (!name.value && result.suggested_name) name.value = result.suggested_name;
          save.disabled = false;
        } catch (failed) {
          checkedURL = null;
          save.disabled = true;
          replace(inferred);
          replace(error, failed.detail);
        }
      }
      url.addEventListener('change', check);
      url.addEventListener('input', () => { if (url.value.trim() !== checkedURL) save.disabled = true; });
      return h('form', {
        class: 'stack',
        onsubmit: async (event) => {
          event.preventDefault();
          if (url.value.trim() !== checkedURL) { await check(); return; }
          save.disabled = true;
          replace(error, 'Adding and scanning…');
          try {
            const created = await api.post('/marketplace/sources', {
              repo_url: url.value.trim(), name: name.value.trim() || undefined, ref: ref.value.trim() || undefined,
              root_hint: root.value.trim() || undefined, trust_level: trust.value,
            });
            const scanError = created.error;
            toast(scanError ? `Added ${created.source.name}, but its scan failed: ${scanError}` : `Added ${created.source.name}: ${created.scan?.artifacts_found ?? 0} artifacts found.`, scanError ? 'error' : 'success');
            close(created.source);
          } catch (failed) {
            replace(error, failed.detail);
            save.disabled = false;
          }
        },
      },
      field('Repository or folder', url, 'Read back first: what SkillMeat understood is shown below before anything is saved.'),
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: check }, 'Check')),
      inferred,
      field('Name', name), field('Ref (branch, tag or commit)', ref), field('Root folder', root), field('Trust', trust),
      error,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'), save));
    },
  });
}

/** The edit dialog: ref, root, manual map, trust, description, tags and pending tags. */
export function editSource(source) {
  return dialog({
    title: `Edit ${source.name}`,
    build: (close) => {
      const ref = h('input', { type: 'text', value: source.ref ?? '', placeholder: 'default branch' });
      const root = h('input', { type: 'text', value: source.root ?? '', placeholder: 'the whole repository' });
      const trust = select(trustLevels, source.trust ?? 'basic');
      const description = h('input', { type: 'text', value: source.description ?? '' });
      const tags = h('input', { type: 'text', value: (source.tags ?? []).join(', '), placeholder: 'comma-separated' });
      const map = h('textarea', { rows: '4', class: 'mono', placeholder: 'path/in/repo = skill' },
        Object.entries(source.manual_map ?? {}).map(([path, type]) => `${path} = ${type}`).join('\n'));
      const pending = source.pending_tags ?? [];
      const acceptTags = h('input', { type: 'checkbox' });
      const error = h('p', { role: 'alert', class: 'small' });
      return h('form', {
        class: 'stack',
        onsubmit: async (event) => {
          event.preventDefault();
          const manual = {};
          for (const line of map.value.split('\n').map((l) => l.trim()).filter(Boolean)) {
            const [path, type] = line.split('=').map((part) => part?.trim());
            if (!path || !artifactTypes.includes(type)) { replace(error, `“${line}” is not 'path = type' with a type of ${artifactTypes.join(', ')}.`); return; }
            manual[path] = type;
          }
          try {
            const body = {
              ref: ref.value.trim() || null, root: root.value.trim() || null, trust: trust.value,
              description: description.value.trim() || null,
              tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean), manual_map: manual,
            };
            if (pending.length) body.accept_pending_tags = acceptTags.checked;
            const saved = await api.patch(`/marketplace/sources/${api.seg(source.id)}`, body);
            toast(`Saved ${source.name}; rescan to apply a new ref, root or map.`, 'success');
            close(saved.source ?? saved);
          } catch (failed) {
            replace(error, failed.detail);
          }
        },
      },
      field('Ref', ref), field('Root folder', root), field('Trust', trust), field('Description', description), field('Tags', tags),
      pending.length ? h('label', { class: 'toggle' }, acceptTags, h('span', {}, `Accept suggested tags: ${pending.join(', ')} (unchecked rejects them)`)) : null,
      field('Manual map', map, 'One line per path: which type the folder or file holds, when detection misses it.'),
      error,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Save')));
    },
  });
}
