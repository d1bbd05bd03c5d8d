Attribute VB_Name = "LeadcheckNotes"
' Writes and clears all notes of a sheet in one call each, for leadcheck's
' ExcelBook (leadcheck/sheets/excelbook.py). Addresses and texts arrive as two
' strings split by Chr(30). The workbook is named because in the add-in this
' module runs in the add-in, not in the workbook it edits. A note that does not
' start with the mark belongs to the user and is left as it is. ASCII only.
Option Explicit

Public Function LeadcheckSetNotes(bookName As String, sheetName As String, addresses As String, texts As String, mark As String) As Long
    Dim sheet As Worksheet, cellAddresses() As String, noteTexts() As String, i As Long, target As Range
    Set sheet = Workbooks(bookName).Worksheets(sheetName)
    cellAddresses = Split(addresses, Chr(30))
    noteTexts = Split(texts, Chr(30))
    For i = LBound(cellAddresses) To UBound(cellAddresses)
        Set target = sheet.Range(cellAddresses(i))
        If Not target.Comment Is Nothing Then
            If Left(target.Comment.Text, Len(mark)) = mark Then target.Comment.Delete
        End If
        If target.Comment Is Nothing Then
            target.AddComment noteTexts(i)
            LeadcheckSetNotes = LeadcheckSetNotes + 1
        End If
    Next i
End Function

Public Function LeadcheckClearNotes(bookName As String, sheetName As String, mark As String) As Long
    Dim sheet As Worksheet, i As Long
    Set sheet = Workbooks(bookName).Worksheets(sheetName)
    For i = sheet.Comments.Count To 1 Step -1
        If Left(sheet.Comments(i).Text, Len(mark)) = mark Then
            sheet.Comments(i).Delete
            LeadcheckClearNotes = LeadcheckClearNotes + 1
        End If
    Next i
End Function
