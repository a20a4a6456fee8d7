// How often Spending backs up by itself, and how many of those backups it
// keeps. Backups made with "Back up now" are never pruned.
import { useState, type SubmitEvent } from 'react';
import type { DatabaseSettings } from '../../../../preload/contract-database.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useSaveDatabaseSettings } from './useDatabase';

type Schedule = DatabaseSettings['backups']['schedule'];

const SCHEDULES: { value: Schedule; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
];

/** A whole number within the contract's limits, or the message to show. */
function count(text: string, max: number): number | string {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  return Number.isInteger(n) && n <= max ? n : `Enter a whole number from 0 to ${max}.`;
}

export function BackupSchedule({ settings }: { settings: DatabaseSettings['backups'] }) {
  const save = useSaveDatabaseSettings();
  const [schedule, setSchedule] = useState(settings.schedule);
  const [keepDaily, setKeepDaily] = useState(String(settings.keepDaily));
  const [keepWeekly, setKeepWeekly] = useState(String(settings.keepWeekly));
  const { errorFor, formLevel, check, edited } = useFormErrors(['daily', 'weekly'] as const, [save]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const daily = count(keepDaily, 365);
    const weekly = count(keepWeekly, 520);
    const valid = check({
      ...(typeof daily === 'string' ? { daily } : {}),
      ...(typeof weekly === 'string' ? { weekly } : {}),
    });
    if (valid && typeof daily === 'number' && typeof weekly === 'number')
      save.mutate({ backups: { schedule, keepDaily: daily, keepWeekly: weekly } });
  };

  return (
    <form className="form backup-schedule" aria-labelledby="backup-schedule-title" onSubmit={submit} noValidate>
      <h3 id="backup-schedule-title">Automatic backups</h3>
      <fieldset className="field segmented">
        <legend className="field__label">Back up the store in use</legend>
        {SCHEDULES.map((option) => (
          <label key={option.value} className="segmented__option">
            <input
              type="radio"
              name="backup-schedule"
              value={option.value}
              checked={schedule === option.value}
              onChange={() => {
                setSchedule(option.value);
                save.reset();
              }}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <div className="form__row backup-schedule__keep">
        <InputField
          label="Days to keep"
          error={errorFor('daily')}
          hint="The newest automatic backup of each day."
          inputMode="numeric"
          disabled={schedule === 'off'}
          value={keepDaily}
          onValueChange={(value) => {
            setKeepDaily(value);
            edited('daily');
          }}
        />
        <InputField
          label="Weeks to keep"
          error={errorFor('weekly')}
          hint="The newest automatic backup of each week."
          inputMode="numeric"
          disabled={schedule === 'off'}
          value={keepWeekly}
          onValueChange={(value) => {
            setKeepWeekly(value);
            edited('weekly');
          }}
        />
      </div>
      <p className="field__hint">
        While Spending is open it checks every hour whether a backup is due. Older automatic backups are removed;
        backups you make yourself are always kept.
      </p>
      {formLevel && <ErrorMessage problem={formLevel} title="Could not save the schedule." />}
      {save.isSuccess && (
        <p className="db-success" role="status">
          Schedule saved.
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Save schedule
        </button>
      </div>
    </form>
  );
}
