Attribute VB_Name = "LeadcheckTools"
' What leadcheck's ExcelBook needs and xlwings has no cross-platform call for:
' sheet protection, the file dialogs and the version of the xlwings module.
' LeadcheckUnprotect returns the protection options as 0/1 flags joined by
' commas in the order Protect takes them, "" for a sheet that was not
' protected, and "password" when the sheet stays protected; LeadcheckProtect
' takes the flags back. The dialogs return "" when the user cancels, and the
' file dialog joins several paths with Chr(30). ASCII only.
Option Explicit

Public Function LeadcheckUnprotect(bookName As String, sheetName As String) As String
    Dim sheet As Worksheet, options As String
    Set sheet = Workbooks(bookName).Worksheets(sheetName)
    If Not (sheet.ProtectContents Or sheet.ProtectDrawingObjects Or sheet.ProtectScenarios) Then Exit Function
    With sheet.Protection
        options = Join(Array(LeadcheckFlag(sheet.ProtectDrawingObjects), LeadcheckFlag(sheet.ProtectContents), LeadcheckFlag(sheet.ProtectScenarios), _
            LeadcheckFlag(.AllowFormattingCells), LeadcheckFlag(.AllowFormattingColumns), LeadcheckFlag(.AllowFormattingRows), _
            LeadcheckFlag(.AllowInsertingColumns), LeadcheckFlag(.AllowInsertingRows), LeadcheckFlag(.AllowInsertingHyperlinks), _
            LeadcheckFlag(.AllowDeletingColumns), LeadcheckFlag(.AllowDeletingRows), LeadcheckFlag(.AllowSorting), _
            LeadcheckFlag(.AllowFiltering), LeadcheckFlag(.AllowUsingPivotTables)), ",")
    End With
    On Error Resume Next
    sheet.Unprotect
    On Error GoTo 0
    If sheet.ProtectContents Then
        LeadcheckUnprotect = "password"
    Else
        LeadcheckUnprotect = options
    End If
End Function

Public Function LeadcheckProtect(bookName As String, sheetName As String, options As String) As Boolean
    Dim o() As String
    o = Split(options, ",")
    Workbooks(bookName).Worksheets(sheetName).Protect DrawingObjects:=(o(0) = "1"), Contents:=(o(1) = "1"), _
        Scenarios:=(o(2) = "1"), AllowFormattingCells:=(o(3) = "1"), AllowFormattingColumns:=(o(4) = "1"), _
        AllowFormattingRows:=(o(5) = "1"), AllowInsertingColumns:=(o(6) = "1"), AllowInsertingRows:=(o(7) = "1"), _
        AllowInsertingHyperlinks:=(o(8) = "1"), AllowDeletingColumns:=(o(9) = "1"), AllowDeletingRows:=(o(10) = "1"), _
        AllowSorting:=(o(11) = "1"), AllowFiltering:=(o(12) = "1"), AllowUsingPivotTables:=(o(13) = "1")
    LeadcheckProtect = True
End Function

Private Function LeadcheckFlag(value As Boolean) As String
    If value Then LeadcheckFlag = "1" Else LeadcheckFlag = "0"
End Function

Public Function LeadcheckChooseFiles(title As String) As String
    Dim chosen As Variant, i As Long, joined As String
#If Mac Then
    chosen = Application.GetOpenFilename(Title:=title, MultiSelect:=True)
#Else
    chosen = Application.GetOpenFilename(FileFilter:="Excel (*.xlsx;*.xlsm;*.csv),*.xlsx;*.xlsm;*.csv", Title:=title, MultiSelect:=True)
#End If
    If Not IsArray(chosen) Then Exit Function
    For i = LBound(chosen) To UBound(chosen)
        If i > LBound(chosen) Then joined = joined & Chr(30)
        joined = joined & chosen(i)
    Next i
    LeadcheckChooseFiles = joined
End Function

Public Function LeadcheckChooseSaveAs(initialName As String, title As String) As String
    Dim chosen As Variant
#If Mac Then
    chosen = Application.GetSaveAsFilename(InitialFileName:=initialName, Title:=title)
#Else
    chosen = Application.GetSaveAsFilename(InitialFileName:=initialName, FileFilter:="Excel (*.xlsm),*.xlsm", Title:=title)
#End If
    If VarType(chosen) = vbString Then LeadcheckChooseSaveAs = chosen
End Function

Public Function LeadcheckXlwingsVersion() As String
    LeadcheckXlwingsVersion = XLWINGS_VERSION
End Function
