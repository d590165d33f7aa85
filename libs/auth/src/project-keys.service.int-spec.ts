import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ApiKeyRepository, DbModule, ProjectRepository } from '@bindery/db';
import { startTestContext } from '@bindery/testing';
import { generateKey, hashKey, keyHint } from './keys';
import { ProjectKeysService } from './project-keys.service';

/** The key cache in front of a real database (PGlite): reads shared, rotations never undone by a late read. */
describe('ProjectKeysService', () => {
  let app: INestApplicationContext;
  let keys: ProjectKeysService;
  let repository: ApiKeyRepository;

  const project = async () => {
    const projectId = uuidv7();
    const write = generateKey('write');
    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `keys-${projectId}` },
      project: { id: projectId, name: 'keys' },
      keys: [{ id: uuidv7(), kind: 'write', keyHash: hashKey(write), keyHint: keyHint('write', write) }],
    });
    return { projectId, write };
  };

  beforeAll(async () => {
    app = await startTestContext({ imports: [DbModule], providers: [ProjectKeysService] });
    keys = app.get(ProjectKeysService);
    repository = app.get(ApiKeyRepository);
  });

  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  it('reads a key once for the requests that find it uncached together', async () => {
    const { projectId, write } = await project();
    const reads = jest.spyOn(repository, 'findActiveByHash');
    const answers = await Promise.all(Array.from({ length: 200 }, () => keys.resolve(write, 'write')));
    expect(new Set(answers)).toEqual(new Set([projectId]));
    expect(reads).toHaveBeenCalledTimes(1);

    const unknown = generateKey('write');
    const refused = await Promise.allSettled(
      Array.from({ length: 50 }, () => keys.resolve(unknown, 'write')),
    );
    expect(refused.every((r) => r.status === 'rejected')).toBe(true);
    expect(reads).toHaveBeenCalledTimes(2);
    await expect(keys.resolve(write, 'secret')).rejects.toMatchObject({
      message: 'This is not a secret key',
    });
  });

  it('never caches a key that a rotation revoked while it was being read', async () => {
    const { projectId, write } = await project();
    // The read finds the key active, then answers only once the rotation has revoked it.
    let rotated: () => void = () => undefined;
    const afterRotation = new Promise<void>((resolve) => (rotated = resolve));
    const read = repository.findActiveByHash.bind(repository);
    jest.spyOn(repository, 'findActiveByHash').mockImplementationOnce(async (hash) => {
      const row = await read(hash);
      await afterRotation;
      return row;
    });
    const early = keys.resolve(write, 'write');
    const fresh = await keys.rotate(projectId, 'write');
    rotated();
    await expect(early).resolves.toBe(projectId);

    await expect(keys.resolve(write, 'write')).rejects.toMatchObject({
      message: 'Unknown or revoked write key',
    });
    await expect(keys.resolve(fresh, 'write')).resolves.toBe(projectId);
  });
});
