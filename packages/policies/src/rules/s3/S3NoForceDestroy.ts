import { defineRule, resultOf } from '../../rule';
import { isTrue } from '../../synthesized/values';

/** No bucket sets `force_destroy`. */
export const S3NoForceDestroy = defineRule({
  id: 'S3NoForceDestroy',
  summary: 'S3 buckets do not set force_destroy',
  explanation:
    'force_destroy lets a destroy (or a replacement forced by a renamed construct id) delete the bucket with every object and version in it: the data lake would be gone in one apply.',
  fix: 'Remove force_destroy (it defaults to false); to retire a bucket, empty it on purpose first.',
  anchors: {},
  subjects: ['aws_s3_bucket'],
  evaluate(bucket) {
    return resultOf(isTrue(bucket.config.force_destroy) ? ['force_destroy is true'] : []);
  },
});
