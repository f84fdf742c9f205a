// A POST-only route (the session routes) re-exports these, as a GET-only route does
// method-not-allowed.ts.
import { MESSAGES } from '../contract';
import { methodsNotAllowed } from './method-not-allowed';

const { notAllowed, options } = methodsNotAllowed('POST, OPTIONS', MESSAGES.onlyPost);

export { notAllowed as DELETE, notAllowed as GET, options as OPTIONS, notAllowed as PATCH, notAllowed as PUT };
