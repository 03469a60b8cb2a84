/**
 * Learner-facing strings written into content.json. Keys name what the string means, not which
 * library field receives it: content builders map them onto each library's fields.
 * `{name}` marks a value the compiler fills in; `@x`, `:x` and `%x` are placeholders the H5P
 * libraries fill in at run time and must stay as they are.
 */
export type H5pStrings = {
  check: string;
  submit: string;
  showSolution: string;
  retry: string;
  finish: string;
  cancel: string;
  confirm: string;
  confirmCheckHeader: string;
  confirmCheckBody: string;
  confirmRetryHeader: string;
  confirmRetryBody: string;
  /** `:num`, `:total`. */
  scoreBarLabel: string;
  a11yCheck: string;
  a11yShowSolution: string;
  a11yRetry: string;
  correctAnswer: string;
  wrongAnswer: string;
  // MultiChoice
  showTip: string;
  tipAvailable: string;
  feedbackAvailable: string;
  readFeedback: string;
  shouldCheck: string;
  shouldNotCheck: string;
  noInput: string;
  // TrueFalse
  trueText: string;
  falseText: string;
  /** `@score`, `@total`. */
  trueFalseScore: string;
  // Blanks
  blanksInstruction: string;
  notFilledOut: string;
  /** `:ans`. */
  answerIsCorrect: string;
  answerIsWrong: string;
  answeredCorrectly: string;
  answeredIncorrectly: string;
  solutionLabel: string;
  /** `@num`, `@total`. */
  inputLabel: string;
  tip: string;
  checkingModeHeader: string;
  // DragText
  dragInstruction: string;
  /** `@index`. */
  dropZoneIndex: string;
  dropZoneEmpty: string;
  /** `@index`, `@draggable`. */
  dropZoneContains: string;
  /** `@index`, `@count`. */
  draggableIndex: string;
  correctExclamation: string;
  incorrectExclamation: string;
  resetDropTitle: string;
  resetDropDescription: string;
  grabbed: string;
  cancelledDragging: string;
  feedbackHeader: string;
  // QuestionSet
  startQuiz: string;
  previousQuestion: string;
  previous: string;
  nextQuestion: string;
  next: string;
  /** `@current`, `@total`. */
  textualProgress: string;
  /** `%d`, `%total`. */
  jumpToQuestion: string;
  questionLabel: string;
  readSpeakerProgress: string;
  unanswered: string;
  answered: string;
  currentQuestion: string;
  navigationLabel: string;
  questionSetInstruction: string;
  quizFinished: string;
  results: string;
  /** `@finals`, `@totals`. */
  amountCorrect: string;
  /**
   * Heading of a scored quiz's result screen, with the pass mark in points (`{pass}`, `{total}`):
   * QuestionSet 1.21's result screen shows no pass/fail text, so the heading says what passes.
   */
  quizResultsPassMark: string;
  quizScoreBarLabel: string;
  scoreHeader: string;
  skipVideo: string;
  // InteractiveBook
  read: string;
  displayToc: string;
  hideToc: string;
  nextPage: string;
  previousPage: string;
  chapterCompleted: string;
  /** `@pages`, `@total`. */
  partCompleted: string;
  incompleteChapter: string;
  navigateToTop: string;
  markAsFinished: string;
  fullscreen: string;
  exitFullscreen: string;
  /** `@count`, `@total`. */
  bookProgressSubtext: string;
  interactionsProgressSubtext: string;
  submitReport: string;
  restart: string;
  summaryHeader: string;
  allInteractions: string;
  unansweredInteractions: string;
  /** `@score`, `@maxscore`. */
  scoreText: string;
  /** `@left`, `@max`. */
  leftOutOfTotalCompleted: string;
  noInteractions: string;
  score: string;
  summaryAndSubmit: string;
  noChapterInteractionBold: string;
  noChapterInteraction: string;
  submittedForReview: string;
  bookProgress: string;
  interactionsProgress: string;
  totalScore: string;
  /** `@page`, `@total`. */
  pageProgress: string;
  toggleMenu: string;
  // Image
  image: string;
  expandImage: string;
  minimizeImage: string;
  // The project's own fallbacks for activities H5P cannot represent faithfully.
  selfAssessmentScale: string;
  selfAssessmentNote: string;
  reflectionNote: string;
  /** `{n}`. */
  reflectionMinWords: string;
  faceToFaceCollective: string;
  faceToFaceIndividual: string;
  /** `{n}`. */
  faceToFaceDuration: string;
  /** `{alt}`. */
  imageAsText: string;
  /** `{left}`, `{right}`. */
  matchingInstruction: string;
  orderingInstruction: string;
};
