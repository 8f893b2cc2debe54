// PlatformError is defined by @data-platform/config, the package every other one depends on.
export { PlatformError } from '@data-platform/config';
