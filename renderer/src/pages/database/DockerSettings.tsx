// Docker's advanced settings, folded away: most people never need another
// image or port, and changing them does not touch a container that exists.
import { useState, type SubmitEvent } from 'react';
import type { DatabaseSettings } from '../../../../preload/contract-database.js';
import { Disclosure } from '../../components/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useSaveDatabaseSettings } from './useDatabase';

export function DockerSettings({ settings }: { settings: DatabaseSettings }) {
  return (
    <Disclosure className="advanced" label="Advanced Docker settings">
      {(panelId) => <DockerSettingsForm id={panelId} settings={settings.docker} />}
    </Disclosure>
  );
}

function DockerSettingsForm({ id, settings }: { id: string; settings: DatabaseSettings['docker'] }) {
  const save = useSaveDatabaseSettings();
  const [image, setImage] = useState(settings.image);
  const [port, setPort] = useState(String(settings.preferredPort));
  const { errorFor, formLevel, check, edited } = useFormErrors(['image', 'port'] as const, [save]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const preferredPort = /^\d+$/.test(port.trim()) ? Number(port) : Number.NaN;
    const valid = check({
      ...(image.trim() ? {} : { image: 'Enter an image, for example postgres:16-alpine.' }),
      ...(preferredPort >= 1 && preferredPort <= 65_535 ? {} : { port: 'Enter a port from 1 to 65535.' }),
    });
    if (valid) save.mutate({ docker: { image: image.trim(), preferredPort } });
  };

  return (
    <form id={id} className="form advanced__panel" aria-label="Advanced Docker settings" onSubmit={submit} noValidate>
      <div className="form__row">
        <InputField
          label="Image"
          error={errorFor('image')}
          hint="Used when Spending creates the container. A container that exists keeps its image."
          spellCheck={false}
          autoComplete="off"
          value={image}
          onValueChange={(value) => {
            setImage(value);
            edited('image');
          }}
        />
        <InputField
          label="Preferred port"
          error={errorFor('port')}
          hint="On 127.0.0.1. When it is taken, Spending uses the next free one."
          inputMode="numeric"
          autoComplete="off"
          value={port}
          onValueChange={(value) => {
            setPort(value);
            edited('port');
          }}
        />
      </div>
      {formLevel && <ErrorMessage problem={formLevel} title="Could not save the Docker settings." />}
      {save.isSuccess && (
        <p className="db-success" role="status">
          Saved. They apply the next time Spending creates the container.
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Save Docker settings
        </button>
      </div>
    </form>
  );
}
