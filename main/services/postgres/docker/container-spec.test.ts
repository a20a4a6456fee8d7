// The container Spending asks Docker for, checked as data.
import { describe, expect, it } from 'vitest';
import { containerSpec, dataMountPath, imageMajor } from './container-spec.js';

describe('container spec', () => {
  const spec = containerSpec({ image: 'postgres:16-alpine', password: 'pw', hostPort: 5433, network: 'published' });

  it('publishes the port on 127.0.0.1 only', () => {
    expect(spec.HostConfig?.PortBindings).toEqual({ '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '5433' }] });
    expect(spec.HostConfig?.NetworkMode).toBeUndefined();
  });

  it('restarts unless stopped, keeps data in the named volume, and checks health with pg_isready', () => {
    expect(spec.name).toBe('spending-postgres');
    expect(spec.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' });
    expect(spec.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'spending-postgres-data', Target: '/var/lib/postgresql/data' },
    ]);
    expect(spec.Healthcheck?.Test?.[1]).toContain('pg_isready');
    expect(spec.Labels).toMatchObject({ 'app.spending.owner': 'spending', 'app.spending.port': '5433' });
  });

  it('has initdb ask TCP logins for the password: by default it trusts 127.0.0.1, the computer on the host network', () => {
    expect(spec.Env).toContain('POSTGRES_INITDB_ARGS=--auth-host=scram-sha-256');
  });

  it('on the host network, listens on the chosen loopback port itself', () => {
    const host = containerSpec({ image: 'x:15', password: 'pw', hostPort: 40000, network: 'host' });
    expect(host.HostConfig?.NetworkMode).toBe('host');
    expect(host.Cmd).toEqual(['postgres', '-p', '40000', '-c', 'listen_addresses=127.0.0.1']);
    expect(host.HostConfig?.PortBindings).toBeUndefined();
  });

  it('mounts one level up for images 18 and later, which moved PGDATA', () => {
    expect(imageMajor('postgres:18-alpine')).toBe(18);
    expect(imageMajor('custom/pg:latest', ['PG_MAJOR=17'])).toBe(17);
    expect(dataMountPath(18)).toBe('/var/lib/postgresql');
    expect(dataMountPath(16)).toBe('/var/lib/postgresql/data');
    expect(dataMountPath(undefined)).toBe('/var/lib/postgresql/data');
  });
});
