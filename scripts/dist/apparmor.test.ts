// The AppArmor profile the README tells AppImage users on Ubuntu 23.10+ to install: the
// one-line command writes exactly build/linux/casefile-appimage.apparmor, and the profile
// allows user namespaces to the executable electron-builder packs into the AppImage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const profile = fs.readFileSync(path.join(root, 'build', 'linux', 'casefile-appimage.apparmor'), 'utf8');

describe('the AppImage AppArmor profile', () => {
  it('is what the README command writes', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const command = /^printf '([^']*)' \| sudo tee \/etc\/apparmor\.d\/casefile-appimage >\/dev\/null && sudo apparmor_parser -r \/etc\/apparmor\.d\/casefile-appimage$/m.exec(readme);
    expect(command, 'README.md has the one-line install command').not.toBeNull();
    expect(command![1]!.replaceAll('\\n', '\n')).toBe(profile);
  });

  it('allows user namespaces, unconfined, to the executable electron-builder names', () => {
    const builder = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const executable = /^\s+executableName:\s*(\S+)/m.exec(builder)?.[1];
    expect(executable).toBe('casefile');
    expect(profile).toMatch(new RegExp(`^profile casefile-appimage /tmp/\\.mount_\\*/${executable} flags=\\(unconfined\\) \\{$`, 'm'));
    expect(profile).toMatch(/^\s+userns,$/m);
    expect(profile).toMatch(/^abi <abi\/4\.0>,$/m);
  });
});
