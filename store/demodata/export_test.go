package demodata

// IssueFiles names the file of each of Issues, for test names an editor can
// find the file by.
var IssueFiles = issueFiles()
