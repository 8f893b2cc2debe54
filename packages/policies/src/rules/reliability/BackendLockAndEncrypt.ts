import { defineRule, resultOf } from '../../rule';
import { isTrue } from '../../synthesized/values';

/** State is in the S3 backend, encrypted, with S3-native locking (`use_lockfile`). */
export const BackendLockAndEncrypt = defineRule({
  id: 'BackendLockAndEncrypt',
  summary: 'the S3 backend has use_lockfile and encrypt',
  explanation:
    'Without a lock, two applies (a merge and a manual run) can write state at once and corrupt it; without encryption, state (which holds every resource attribute) sits in plain text.',
  fix: 'Extend PlatformStack (packages/core), whose S3 backend sets encrypt = true and use_lockfile = true.',
  anchors: { checkov: ['CKV_TF_3'] },
  subjects: ['terraform.backend'],
  evaluate(backend) {
    if (backend.type !== 's3') return resultOf([`state is in the "${backend.type}" backend, not the S3 backend`]);
    const reasons: string[] = [];
    if (!isTrue(backend.config.use_lockfile)) reasons.push('use_lockfile is not true');
    if (!isTrue(backend.config.encrypt)) reasons.push('encrypt is not true');
    return resultOf(reasons);
  },
});
