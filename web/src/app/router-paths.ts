/** Client routes. Admin pages are guarded by the abilities of GET /me; the API checks again. */
export const PATHS = {
  home: '/',
  signIn: '/sign-in',
  password: '/account/password',
  users: '/admin/users',
  teams: '/admin/teams',
  queues: '/admin/queues',
  tokens: '/admin/tokens',
  audit: '/admin/audit',
  interactions: '/interactions',
  interaction: '/interactions/:id',
  imports: '/imports',
  scorecards: '/scorecards',
  scorecardNew: '/scorecards/new',
  scorecard: '/scorecards/:id',
  scorecardEdit: '/scorecards/:id/edit',
  categories: '/scorecards/categories',
} as const;

/**
 * Which abilities open each admin page (any of them). `users.list` is granted to everyone (each
 * sees their own scope), so the people-administration page asks for the ability to manage people.
 */
export const PAGE_ABILITIES = {
  users: ['users.create', 'users.import'],
  teams: ['teams.create', 'teams.update'],
  queues: ['queues.create', 'queues.update'],
  tokens: ['tokens.list'],
  audit: ['audit.list'],
  interactions: ['interactions.list'],
  imports: ['interactions.import', 'imports.list'],
  scorecards: ['forms.list'],
  scorecardEdit: ['forms.create', 'forms.update'],
  categories: ['categories.create'],
} as const;
