/** Reads an uploaded file into memory, refusing files over the limit with a page that says so. */
import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../core/app-error.js';

/** About 10,000 listings of CSV: far more than a bulk edit needs, little enough to check in memory. */
export const UPLOAD_LIMIT_MB = 5;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 20, fieldSize: 64 * 1024 },
}).single('file');

/** Parses a multipart body (fields and the one `file`); other requests pass untouched. */
export const multipartBody: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) return next();
  upload(req, res, (err: unknown) => {
    if (!err) return next();
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
      const { t } = res.locals;
      return res.status(413).render('admin/message', { title: t('admin.bulk.tooLargeTitle'), message: t('admin.bulk.tooLarge', { mb: UPLOAD_LIMIT_MB }) });
    }
    next(new AppError('bad_request', 400, 'the upload could not be read', undefined, { cause: err }));
  });
};
