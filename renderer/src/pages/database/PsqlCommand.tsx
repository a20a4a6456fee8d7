// The command that opens psql on this server, with a Copy button.
import { CopyableText } from '../../components/CopyableText';

export function PsqlCommand({ command, hint }: { command: string; hint: string }) {
  return (
    <div className="psql-command">
      <p className="field__label" id="psql-command-label">
        Open it in psql
      </p>
      <CopyableText text={command} what="the command" hint={hint} labelledBy="psql-command-label" />
    </div>
  );
}
