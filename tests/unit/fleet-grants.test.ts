import { describe, expect, it } from 'vitest';
import { grantsFor, mayPublish, maySubscribe, mosquittoAcl } from '../../src/core/fleet/grants';
import { freeScreenId } from '../../src/core/fleet/screen-registry';

const hall1 = { screenId: 'hall-1', groups: ['school-a'] };

describe('a screen account\'s grants', () => {
  it('publishes only its own status, events and plays', () => {
    expect(grantsFor('kiosk', hall1).publish).toEqual(['kiosk/screens/hall-1/status', 'kiosk/screens/hall-1/events', 'kiosk/screens/hall-1/plays']);
    for (const topic of ['kiosk/screens/hall-2/status', 'kiosk/screens/hall-1/cmd', 'kiosk/groups/school-a/cmd', 'kiosk/alerts', 'kiosk/#']) expect(mayPublish('kiosk', hall1, topic)).toBe(false);
  });

  it('reads alerts, its own and its group\'s commands and its own play ack, and no wildcard', () => {
    for (const t of ['kiosk/alerts', 'kiosk/screens/hall-1/cmd', 'kiosk/groups/school-a/cmd', 'kiosk/screens/hall-1/plays-ack']) expect(maySubscribe('kiosk', hall1, t)).toBe(true);
    for (const t of ['kiosk/#', 'kiosk/screens/+/cmd', 'kiosk/screens/hall-2/cmd', 'kiosk/groups/school-b/cmd', 'kiosk/groups/+/cmd', 'kiosk/screens/hall-1/status']) expect(maySubscribe('kiosk', hall1, t)).toBe(false);
  });

  it('writes a Mosquitto ACL with one block per account and no user-name pattern', () => {
    const acl = mosquittoAcl('kiosk', 'console', [{ user: 'screen.ab12cd34', grant: hall1 }, { user: 'bad user', grant: hall1 }]);
    expect(acl).toContain('user screen.ab12cd34\ntopic write kiosk/screens/hall-1/status');
    expect(acl).toContain('topic read kiosk/groups/school-a/cmd');
    expect(acl).not.toContain('%u');
    expect(acl).not.toContain('bad user');
  });

  it('names a new screen after its name when free, else after its group', () => {
    expect(freeScreenId(new Set(), 'school-a', 'Lobby 2')).toBe('Lobby-2');
    expect(freeScreenId(new Set(['Lobby-2']), 'school-a', 'Lobby 2')).toBe('Lobby-2-01');
    expect(freeScreenId(new Set(['school-a-01']), 'school-a')).toBe('school-a-02');
  });
});
