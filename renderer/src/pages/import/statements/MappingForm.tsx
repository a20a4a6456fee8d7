// The CSV mapping step: how the file is split and read, and which column is
// which. Every change goes straight into the mapping, and the preview below
// reads the file again with it.
import { useState } from 'react';
import type { CsvMapping } from '../../../../../main/services/finance/imports/csv-mapping.js';
import { DATE_FORMATS } from '../../../../../main/services/finance/imports/dates.js';
import type { StatementPreview } from '../../../../../preload/contract-imports.js';
import { Disclosure } from '../../../components/Disclosure';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { choiceFromPlan, columnOptions, columnsFor, isComplete, withHeader, type ColumnChoice } from './columns';
import { useImportProfiles, useSaveProfile } from './useStatements';

type Table = NonNullable<StatementPreview['table']>;

const DELIMITERS: { value: NonNullable<CsvMapping['delimiter']>; label: string }[] = [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Bar (|)' },
];
const ENCODINGS = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 (older UK banks)' },
  { value: 'iso-8859-1', label: 'ISO-8859-1' },
  { value: 'utf-16le', label: 'UTF-16' },
];

interface Props {
  table: Table;
  mapping: CsvMapping;
  onChange: (mapping: CsvMapping) => void;
}

/** A whole number typed into a field, or undefined when it is empty. */
function wholeNumber(text: string): number | undefined {
  const n = Number.parseInt(text, 10);
  return Number.isNaN(n) || n < 0 ? undefined : n;
}

/** The mapping with `key` set, or left out when it is empty (so the parsers' own defaults apply). */
function without<K extends keyof CsvMapping>(mapping: CsvMapping, key: K, value: CsvMapping[K] | undefined) {
  const empty = value === undefined || value === '' || value === false;
  return Object.fromEntries(
    Object.entries({ ...mapping, [key]: value }).filter(([k]) => k !== key || !empty),
  ) as CsvMapping;
}

export function MappingForm({ table: found, mapping, onChange }: Props) {
  const table = withHeader(found, mapping.headerRow === 0);
  const set = <K extends keyof CsvMapping>(key: K, value: CsvMapping[K] | undefined) =>
    onChange(without(mapping, key, value));
  const planKey = JSON.stringify(table.plan);
  const [choice, setChoice] = useState<ColumnChoice>(() => choiceFromPlan(table.plan));
  const [followed, setFollowed] = useState(planKey);
  // The preview's plan is what was read: follow it, unless the user is halfway through picking columns.
  if (planKey !== followed) {
    setFollowed(planKey);
    if (table.plan) setChoice(choiceFromPlan(table.plan));
  }
  const options = columnOptions(table);

  const pick = (next: ColumnChoice) => {
    setChoice(next);
    if (!isComplete(next)) return;
    const { columns, headerRow } = columnsFor(next, table.header);
    onChange({ ...without(mapping, 'headerRow', headerRow ?? mapping.headerRow), columns });
  };

  const columnSelect = (label: string, role: 'date' | 'amount' | 'out' | 'in' | 'description') => {
    const value = role === 'description' ? choice.description?.[0] : choice[role];
    return (
      <Field label={label}>
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={value ?? ''}
            onChange={(e) => {
              const n = e.target.value === '' ? undefined : Number(e.target.value);
              pick({ ...choice, [role]: role === 'description' ? (n === undefined ? undefined : [n]) : n });
            }}
          >
            <option value="">Choose a column…</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  };

  return (
    <fieldset className="statement-mapping" aria-label="Columns">
      <legend className="field__label">How to read this CSV</legend>
      <div className="statement-mapping__grid">
        {columnSelect('Date column', 'date')}
        {columnSelect('Description column', 'description')}
        <Field label="Amounts">
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={choice.kind}
              onChange={(e) => pick({ ...choice, kind: e.target.value === 'split' ? 'split' : 'signed' })}
            >
              <option value="signed">One amount column (minus is money out)</option>
              <option value="split">Money out and money in columns</option>
            </select>
          )}
        </Field>
        {choice.kind === 'signed' ? (
          columnSelect('Amount column', 'amount')
        ) : (
          <>
            {columnSelect('Money out column', 'out')}
            {columnSelect('Money in column', 'in')}
          </>
        )}
        <Field label="Date format" hint="Automatic reads day first, as UK banks write dates.">
          {({ id, describedBy }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              value={mapping.dateFormat ?? ''}
              onChange={(e) => set('dateFormat', (e.target.value || undefined) as CsvMapping['dateFormat'])}
            >
              <option value="">Automatic</option>
              {DATE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Disclosure className="statement-mapping__file" label="Delimiter, encoding, header row">
        {(panelId) => (
          <div id={panelId} className="statement-mapping__grid">
            <Field label="Delimiter">
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={mapping.delimiter ?? ''}
                  onChange={(e) => set('delimiter', (e.target.value || undefined) as CsvMapping['delimiter'])}
                >
                  <option value="">Automatic ({DELIMITERS.find((d) => d.value === table.delimiter)?.label})</option>
                  {DELIMITERS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Encoding">
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={mapping.encoding ?? ''}
                  onChange={(e) => set('encoding', e.target.value || undefined)}
                >
                  <option value="">Automatic</option>
                  {ENCODINGS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Lines to skip" hint="Lines above the table, such as an account summary.">
              {({ id, describedBy }) => (
                <input
                  id={id}
                  className="input"
                  type="number"
                  min={0}
                  aria-describedby={describedBy}
                  value={mapping.skipLines ?? ''}
                  placeholder="0"
                  onChange={(e) => set('skipLines', wholeNumber(e.target.value))}
                />
              )}
            </Field>
            <Field label="Header row (line)" hint="Empty: found by its names; 0: the file has none.">
              {({ id, describedBy }) => (
                <input
                  id={id}
                  className="input"
                  type="number"
                  min={0}
                  aria-describedby={describedBy}
                  value={mapping.headerRow ?? ''}
                  placeholder={table.header ? String(table.header.line) : ''}
                  onChange={(e) => set('headerRow', wholeNumber(e.target.value))}
                />
              )}
            </Field>
          </div>
        )}
      </Disclosure>
      <label className="statement-mapping__check">
        <input
          type="checkbox"
          checked={mapping.signFlip ?? false}
          onChange={(e) => set('signFlip', e.target.checked)}
        />
        Flip the sign of every amount (card statements that show spending as positive)
      </label>
      <SaveProfile mapping={mapping} />
    </fieldset>
  );
}

function SaveProfile({ mapping }: { mapping: CsvMapping }) {
  const [name, setName] = useState('');
  const save = useSaveProfile();
  const profiles = useImportProfiles();
  const replacing = profiles.data?.some((p) => p.name === name.trim());
  return (
    <div className="statement-mapping__save">
      <Field label="Save this mapping as" hint="Name it after the bank, to use it for its next statement.">
        {({ id, describedBy }) => (
          <input
            id={id}
            className="input"
            aria-describedby={describedBy}
            value={name}
            placeholder="e.g. Monzo"
            onChange={(e) => {
              setName(e.target.value);
              save.reset();
            }}
          />
        )}
      </Field>
      <button
        type="button"
        className="button"
        disabled={!name.trim() || save.isPending}
        onClick={() => save.mutate({ name: name.trim(), mapping })}
      >
        {replacing && !save.isSuccess ? 'Replace saved mapping' : 'Save mapping'}
      </button>
      {save.isSuccess && <p className="db-success">Saved as “{name.trim()}”.</p>}
      {save.isError && <ErrorMessage error={save.error} title="The mapping was not saved." />}
    </div>
  );
}
