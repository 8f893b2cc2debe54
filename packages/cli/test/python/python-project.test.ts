import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasPythonCode, hasPythonTests, pythonProject } from '../../src/python/python-project';

describe('python-project', () => {
  let root: string;
  let project: ReturnType<typeof pythonProject>;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-platform-python-project-'));
    const dir = join(root, 'pipelines', 'orders-feed');
    mkdirSync(join(dir, 'app', 'tests'), { recursive: true });
    writeFileSync(join(dir, 'app', 'tests', 'test_transform.py'), 'def test_one():\n    assert True\n');
    project = pythonProject(dir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const testsDir = () => project.testsDir;

  test('pythonProject - a pipeline: its code in app/, its tests in app/tests', () => {
    expect(project).toEqual({ name: 'orders-feed', dir: join(root, 'pipelines', 'orders-feed'), codeDir: join(root, 'pipelines', 'orders-feed', 'app'), testsDir: join(root, 'pipelines', 'orders-feed', 'app', 'tests'), pipeline: true });
  });

  test('pythonProject - a package with a pyproject.toml: its code in its folder, its tests in tests/', () => {
    const dir = join(root, 'packages', 'pipeline-runtime');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pyproject.toml'), '');
    expect(pythonProject(dir)).toEqual({ name: 'pipeline-runtime', dir, codeDir: dir, testsDir: join(dir, 'tests'), pipeline: false });
  });

  test('hasPythonTests - true for test_*.py or *_test.py under app/tests, false otherwise', () => {
    expect(hasPythonTests(project.dir)).toBe(true);
    rmSync(join(testsDir(), 'test_transform.py'));
    expect(hasPythonTests(project.dir)).toBe(false);
    writeFileSync(join(testsDir(), 'orders_test.py'), '');
    expect(hasPythonTests(project.dir)).toBe(true);
    rmSync(testsDir(), { recursive: true });
    expect(hasPythonTests(project.dir)).toBe(false);
  });

  test('hasPythonCode - true when the code folder holds a .py file', () => {
    expect(hasPythonCode(project.dir)).toBe(false);
    writeFileSync(join(project.codeDir, 'main.py'), '');
    expect(hasPythonCode(project.dir)).toBe(true);
  });
});
