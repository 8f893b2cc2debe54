// The ARN helpers live in @data-platform/core, where the access stack takes them too.
export { accountRoot, awsManagedPolicyArn, bucketArn, iamArn, regionalArn, regionalServicePrincipal } from '@data-platform/core';
