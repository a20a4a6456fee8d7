// Docker's advanced settings, folded away: most people never need another
// image, port or network. Changing them does not touch a running container;
// a stopped one on another network is created anew at the next start.
import { useState, type SubmitEvent } from 'react';
import type { DatabaseSettings } from '../../../../preload/contract-database.js';
import { Disclosure } from '../../components/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { RadioCards, type RadioCard } from '../../components/RadioCards';
import { useFormErrors } from '../../hooks/useFormErrors';
import { useSaveDatabaseSettings } from './useDatabase';

type Network = DatabaseSettings['docker']['network'];

const NETWORKS: readonly RadioCard<Network>[] = [
  {
    value: 'published',
    label: 'Published port',
    hint: 'The container has its own network; its port is published on 127.0.0.1. Most Docker engines.',
  },
  {
    value: 'host',
    label: 'Host network',
    hint: 'PostgreSQL listens on 127.0.0.1 of this computer itself. For engines without a bridge network.',
  },
];

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
  const [network, setNetwork] = useState(settings.network);
  const { errorFor, formLevel, check, edited } = useFormErrors(['image', 'port'] as const, [save]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const preferredPort = /^\d+$/.test(port.trim()) ? Number(port) : Number.NaN;
    const valid = check({
      ...(image.trim() ? {} : { image: 'Enter an image, for example postgres:16-alpine.' }),
      ...(preferredPort >= 1 && preferredPort <= 65_535 ? {} : { port: 'Enter a port from 1 to 65535.' }),
    });
    if (valid) save.mutate({ docker: { image: image.trim(), preferredPort, network } });
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
      <RadioCards
        name="docker-network"
        legend="Network"
        className="docker-network"
        options={NETWORKS}
        value={network}
        onChange={(value) => {
          setNetwork(value);
          save.reset();
        }}
      />
      {formLevel && <ErrorMessage problem={formLevel} title="Could not save the Docker settings." />}
      {save.isSuccess && (
        <p className="db-success" role="status">
          Saved. They apply the next time Spending creates the container; a stopped container on another network is
          created anew, keeping its data.
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
