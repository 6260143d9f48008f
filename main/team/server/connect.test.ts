// Team URLs and connection settings: no password in a URL, TLS with verification for every
// server that is not on this computer, and nothing secret in what is stored or shown.
import { describe, expect, it } from 'vitest';
import { clientConfig, formatTeamUrl, parseTeamUrl, teamError } from './connect.ts';

describe('team URLs', () => {
  it('parses a team URL and formats it back without anything secret', () => {
    const url = parseTeamUrl('postgresql://edith@db.example.org:6543/casefile?library=desk');
    expect(url).toEqual({ host: 'db.example.org', port: 6543, database: 'casefile', user: 'edith', library: 'desk', sslRootCert: null });
    expect(formatTeamUrl(url)).toBe('postgresql://edith@db.example.org:6543/casefile?library=desk');
  });

  it('refuses a password in the URL without repeating it', () => {
    expect(() => parseTeamUrl('postgresql://edith:hunter2@db.example.org/casefile?library=desk')).toThrow(/contains a password/);
    try {
      parseTeamUrl('postgresql://edith:hunter2@db.example.org/casefile?library=desk');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });

  it('names what is missing', () => {
    expect(() => parseTeamUrl('postgresql://db.example.org/casefile?library=desk')).toThrow(/names no login/);
    expect(() => parseTeamUrl('postgresql://edith@db.example.org/?library=desk')).toThrow(/names no database/);
    expect(() => parseTeamUrl('postgresql://edith@db.example.org/casefile')).toThrow(/names no team library/);
    expect(() => parseTeamUrl('https://edith@db.example.org/casefile?library=desk')).toThrow(/not "postgresql:"/);
  });

  it('uses verified TLS for other computers and refuses weaker modes; loopback stays plain', () => {
    const remote = clientConfig(parseTeamUrl('postgresql://edith@db.example.org/casefile?library=desk'));
    expect(remote.ssl).toMatchObject({ rejectUnauthorized: true, servername: 'db.example.org' });
    expect(remote.password).toBeUndefined();
    for (const mode of ['disable', 'allow', 'prefer', 'require', 'verify-ca']) {
      expect(() => parseTeamUrl(`postgresql://edith@db.example.org/casefile?library=desk&sslmode=${mode}`)).toThrow(/only over TLS with a verified certificate/);
    }
    expect(clientConfig(parseTeamUrl('postgresql://edith@127.0.0.1:5432/casefile?library=desk')).ssl).toBe(false);
    expect(clientConfig(parseTeamUrl('postgresql://edith@[::1]:5432/casefile?library=desk')).ssl).toBe(false);
  });

  it('turns failures into closed team errors', () => {
    const url = parseTeamUrl('postgresql://edith@db.example.org/casefile?library=desk');
    expect(teamError(Object.assign(new Error('password authentication failed for user "edith"'), { code: '28P01' }), url)).toMatchObject({ code: 'TEAM_LOGIN_FAILED' });
    expect(teamError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), url)).toMatchObject({ code: 'TEAM_UNREACHABLE' });
    expect(teamError(new Error('self-signed certificate in certificate chain'), url)).toMatchObject({ code: 'TEAM_INSECURE' });
  });
});
