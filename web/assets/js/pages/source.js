// One marketplace source: its catalog with status tabs and counts, filters, selection and import.
import * as api from '../api.js';
import { count, counted, debounce, h, replace, when } from '../dom.js';
import { badge, empty, failure, field, loading, select, toast, confirmDialog } from '../ui.js';
import { state, artifactTypes, typeLabels, catalogStatuses, typeBadge, confidence } from '../model.js';
import { openEntry } from '../entry.js';
import { editSource } from './sources.js';

const pageSize = 50;

export default async function sourcePage({ main, params, query, isCurrent }) {
  const id = params.id;
  const filters = {
    status: query.get('status') ?? 'new',
    artifact_type: query.get('type') ?? '',
    min_confidence: query.get('min_confidence') ?? '',
    search: query.get('q') ?? '',
    page: Number(query.get('page') ?? 1),
  };
  replace(main, loading());
  const detail = await api.get(`/marketplace/sources/${api.seg(id)}`);
  if (!isCurrent()) return;
  const source = detail.source;
  const summary = h('div', {});
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Status' });
  const list = h('div', {});
  const selected = new Set();
  const results = h('div', { 'aria-live': 'polite' });

  const keepAddress = () => {
    const address = new URLSearchParams();
    if (filters.status !== 'new') address.set('status', filters.status);
    if (filters.artifact_type) address.set('type', filters.artifact_type);
    if (filters.min_confidence) address.set('min_confidence', filters.min_confidence);
    if (filters.search) address.set('q', filters.search);
    if (filters.page > 1) address.set('page', String(filters.page));
    const text = address.toString();
    history.replaceState(null, '', `/marketplace/sources/${encodeURIComponent(id)}${text ? `?${text}` : ''}`);
  };

  const drawSummary = (current) => replace(summary,
    h('div', { class: 'row' }, h('h1', {}, current.name), current.trust ? badge(current.trust, 'trust') : null),
    h('p', { class: 'muted small' },
      h('span', { class: 'mono' }, current.location), current.ref ? ` @ ${current.ref}` : '', current.root ? ` · root ${current.root}` : '',
      ` · last scan ${when(current.last_scan_at)}`, current.last_commit ? ` · commit ${current.last_commit.slice(0, 12)}` : ''),
    current.last_error ? h('p', { class: 'notice' }, `Last scan failed: ${current.last_error}`) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: rescan }, 'Rescan'),
      h('button', { type: 'button', onclick: async () => { const saved = await editSource(current); if (saved) drawSummary(saved); } }, 'Edit'),
      h('button', { type: 'button', class: 'danger', onclick: remove }, 'Remove')));

  async function rescan(event) {
    event.target.disabled = true;
    try {
      const result = await api.post(`/marketplace/sources/${api.seg(id)}/rescan`, {});
      if (result.error) toast(result.error, 'error');
      else toast(`Scanned: ${result.scan.artifacts_found} found, ${result.scan.new_count} new, ${result.scan.updated_count} updated, ${result.scan.removed_count} removed.`, 'success');
      drawSummary(result.source);
      load();
    } catch (error) {
      toast(error.detail, 'error');
    } finally {
      event.target.disabled = false;
    }
  }

  async function remove() {
    if (!await confirmDialog({ title: `Remove ${source.name}?`, message: 'The source and its catalog are removed; artifacts already imported stay in your collection.', confirm: 'Remove', danger: true })) return;
    try {
      await api.del(`/marketplace/sources/${api.seg(id)}`);
      toast(`Removed ${source.name}.`, 'success');
      history.pushState(null, '', '/marketplace/sources');
      window.dispatchEvent(new PopStateEvent('popstate'));
    } catch (error) {
      toast(error.detail, 'error');
    }
  }

  const search = h('input', { type: 'search', value: filters.search, placeholder: 'Name, path or description', 'aria-label': 'Search the catalog' });
  search.addEventListener('input', debounce(() => { filters.search = search.value.trim(); filters.page = 1; load(); }, 250));
  const typeFilter = select([['', 'All types'], ...artifactTypes.map((t) => [t, typeLabels[t]])], filters.artifact_type, { 'aria-label': 'Type' });
  typeFilter.addEventListener('change', () => { filters.artifact_type = typeFilter.value; filters.page = 1; load(); });
  const minimum = h('input', { type: 'number', min: '0', max: '100', step: '10', value: filters.min_confidence, placeholder: '0', 'aria-label': 'Minimum confidence', class: 'narrow' });
  minimum.addEventListener('change', () => { filters.min_confidence = minimum.value; filters.page = 1; load(); });
  const strategy = select([['skip', 'Skip if present'], ['overwrite', 'Overwrite'], ['rename', 'Rename']], 'skip', { 'aria-label': 'When the name exists' });
  const importButton = h('button', { type: 'button', class: 'primary', disabled: true, onclick: importSelected }, 'Import selected');

  async function importSelected() {
    importButton.disabled = true;
    try {
      const batch = await api.post(`/marketplace/sources/${api.seg(id)}/import`, {
        entry_ids: [...selected], conflict_strategy: strategy.value, collection: state.collection ?? undefined,
      });
      replace(results, h('div', { class: 'panel' },
        h('h2', {}, `Imported ${count(batch.imported_count)} of ${count(batch.total_count)}`,
          batch.failed_count ? `; ${count(batch.failed_count)} failed` : '', batch.skipped_count ? `; ${count(batch.skipped_count)} skipped` : ''),
        h('ul', { class: 'import-results' }, batch.results.map((r) => h('li', {}, badge(r.status, r.success ? 'imported' : 'failed'), ' ', r.artifact_id ?? r.entry_id, ' — ', r.error ?? r.message)))));
      selected.clear();
      load();
    } catch (error) {
      toast(error.detail, 'error');
      importButton.disabled = selected.size === 0;
    }
  }

  function drawTabs(counts) {
    replace(tabs, catalogStatuses.map((status) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(filters.status === status), dataset: { status },
      onclick: () => { filters.status = status; filters.page = 1; selected.clear(); load(); },
    }, `${status[0].toUpperCase()}${status.slice(1)} (${count(counts[status] ?? 0)})`)));
  }

  async function load() {
    keepAddress();
    replace(list, loading());
    try {
      const page = await api.get(`/marketplace/sources/${api.seg(id)}/artifacts`, {
        status: filters.status, artifact_type: filters.artifact_type, min_confidence: filters.min_confidence,
        search: filters.search, page: filters.page, page_size: pageSize, include_excluded: filters.status === 'excluded' ? 'true' : '',
      });
      if (!isCurrent()) return;
      drawTabs(page.counts_by_status ?? {});
      importButton.disabled = selected.size === 0;
      if (page.entries.length === 0) {
        replace(list, empty(filters.search || filters.artifact_type || filters.min_confidence ? 'No entries match these filters.' : `No ${filters.status} entries.`));
        return;
      }
      const rows = new Map();
      const row = (entry) => {
        const box = h('input', {
          type: 'checkbox', 'aria-label': `Select ${entry.name}`, checked: selected.has(entry.id),
          disabled: !['new', 'updated'].includes(entry.status),
          onchange: () => { if (box.checked) selected.add(entry.id); else selected.delete(entry.id); importButton.disabled = selected.size === 0; },
        });
        const tr = h('tr', { dataset: { entry: entry.id } },
          h('td', {}, box),
          h('td', {}, h('a', { href: '#', class: 'entry-link', onclick: (event) => { event.preventDefault(); open(entry); } }, entry.name),
            entry.status === 'imported' ? [' ', badge('Imported', 'imported')] : null),
          h('td', {}, typeBadge(entry.artifact_type)),
          h('td', { class: 'optional mono small' }, entry.path),
          h('td', {}, confidence(entry.confidence_score)),
          h('td', { class: 'optional description' }, entry.description ?? ''));
        rows.set(entry.id, tr);
        return tr;
      };
      const open = (entry) => openEntry(entry, {
        onChange: (updated) => { rows.get(updated.id)?.replaceWith(row(updated)); },
      }).then(() => { load(); });
      const pages = Math.max(1, Math.ceil(page.total / pageSize));
      replace(list,
        h('div', { class: 'table-wrap' }, h('table', { class: 'catalog' },
          h('thead', {}, h('tr', {}, h('th', {}, h('input', {
            type: 'checkbox', 'aria-label': 'Select every importable entry on this page',
            onchange: (event) => {
              for (const entry of page.entries) if (['new', 'updated'].includes(entry.status)) { if (event.target.checked) selected.add(entry.id); else selected.delete(entry.id); }
              for (const box of list.querySelectorAll('tbody input[type=checkbox]:not(:disabled)')) box.checked = event.target.checked;
              importButton.disabled = selected.size === 0;
            },
          })), h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', { class: 'optional' }, 'Path'), h('th', {}, 'Confidence'), h('th', { class: 'optional' }, 'Description'))),
          h('tbody', {}, page.entries.map(row)))),
        h('div', { class: 'pager' },
          h('span', { class: 'muted small' }, `${counted(page.total, 'entry', 'entries')} · page ${page.page ?? filters.page} of ${pages}`),
          h('button', { type: 'button', disabled: filters.page <= 1, onclick: () => { filters.page -= 1; load(); } }, 'Previous'),
          h('button', { type: 'button', disabled: filters.page >= pages, onclick: () => { filters.page += 1; load(); } }, 'Next')));
    } catch (error) {
      replace(list, failure(error, { retry: load }));
    }
  }

  drawSummary(source);
  replace(main, summary,
    tabs,
    h('div', { class: 'toolbar' },
      h('div', { class: 'grow' }, field('Search', search)),
      field('Type', typeFilter),
      field('Min. confidence', minimum),
      field('When the name exists', strategy),
      importButton),
    results, list);
  drawTabs(detail.counts?.counts_by_status ?? {});
  await load();
  const wanted = query.get('entry');
  if (wanted && isCurrent()) {
    try {
      const entry = await api.get(`/marketplace/sources/${api.seg(id)}/artifacts/${api.seg(wanted)}`);
      openEntry(entry, { onChange: () => {} }).then(() => load());
    } catch (error) {
      toast(error.detail, 'error');
    }
  }
}
