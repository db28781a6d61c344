// Which links may leave the app for the user's browser: the core's rule (https, Hyper3D hosts), one source of truth.
export { EXTERNAL_HOSTS, isAllowedExternalUrl } from '../../core/app/external-url';
