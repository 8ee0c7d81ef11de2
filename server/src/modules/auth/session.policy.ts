import { allow } from '../../policies/engine.ts';

/** Anyone may try to sign in; every signed-in user manages their own session and password. */
allow('session.create', () => true);
allow('session.delete', () => true);
allow('me.read', () => true);
allow('me.change_password', () => true);
