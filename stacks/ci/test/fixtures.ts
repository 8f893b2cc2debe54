export * from '../../shared/test/fixtures';
