/** The environment deploy-stage.yml gives a prod deploy job of the platform repository (deploy.yml, GitHub environment prod). */
export const PROD_DEPLOY_JOB: Readonly<Record<string, string>> = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'acme-data/data-platform',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_WORKFLOW_REF: 'acme-data/data-platform/.github/workflows/deploy.yml@refs/heads/main',
  DATA_PLATFORM_GITHUB_ENVIRONMENT: 'prod',
  DATA_PLATFORM_DEPLOY_WORKFLOW: 'deploy.yml',
};
