// Lives beside the session it uses; imported from here by the settings sections.
export {authedApi} from '../stores/auth-store.ts';
