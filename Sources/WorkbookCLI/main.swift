Workbook.main()
