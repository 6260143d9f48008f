import type { articleMethods } from '../../../common/api/methods/articles.ts';
import { decideSameStory, getArticle, listArticles, updateArticleMetadata, updateArticleText } from '../../services/articles.ts';
import type { HandlersFor } from './types.ts';

export const articleHandlers: HandlersFor<typeof articleMethods> = {
  'articles.list': ({ library }, input) => listArticles(library, input),
  'articles.get': ({ library }, input) => getArticle(library, input.id),
  'articles.decideSameStory': ({ library }, input) => decideSameStory(library, input),
  'articles.updateMetadata': ({ library }, input) => updateArticleMetadata(library, input),
  'articles.updateText': ({ library }, input) => updateArticleText(library, input),
};
