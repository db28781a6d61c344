// The path of a task's downloaded model, for open / show in folder / copy path / drag: found from the task, never
// taken from the window, and only when it really lies inside that task's download folder.
import { isInsideFolder } from '../download/inside-folder';
import { pickModelFile } from '../download/model-file';
import type { Task } from '../tasks/task';
import { AppError } from './app-error';

/** `folder` is the task's folder as verified against the download roots (undefined when it failed the check). */
export async function taskModelFile(task: Task, folder: string | undefined): Promise<string> {
  const download = task.download;
  if (download?.status !== 'done' || !download.folder || !download.files) {
    throw new AppError('NOT_DOWNLOADED', 'The model has not been downloaded yet.');
  }
  const model = pickModelFile(download.files);
  if (!model) throw new AppError('NO_MODEL', 'The downloaded results hold no 3D model file.');
  // The stored list could have been edited, or the file swapped for a link since: check the disk, not the list.
  if (!folder || !(await isInsideFolder(model.file, folder))) {
    throw new AppError('NOT_FOUND', `${model.name} is no longer in the task's folder; download the results again.`);
  }
  return model.file;
}
