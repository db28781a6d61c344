// conf opened on a folder of the test's choosing: the same base electron-store uses, without Electron.
import Conf from 'conf';
import type { ConfFactory } from '../../../src/main/store/conf-document';

export const confFactory: ConfFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, projectName: 'rodin-tray-test' });
